import { methodNotAllowed } from "@/server/http";
import { receiveTelemetry } from "@/server/telemetry";

/** POST /api/otel/v1/metrics: Claude Code's OpenTelemetry metrics (OTLP over HTTP, protobuf or JSON). */
export const POST = (request: Request) => receiveTelemetry(request, "metrics");

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
