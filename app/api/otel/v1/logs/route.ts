import { methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";
import { receiveTelemetry } from "@/server/telemetry";

/** POST /api/otel/v1/logs: Claude Code's OpenTelemetry logs (OTLP over HTTP, protobuf or JSON). */
export const POST = measured("/api/otel/v1/logs", (request: Request) => receiveTelemetry(request, "logs"));

export const { GET, PUT, PATCH, DELETE } = measured("/api/otel/v1/logs", methodNotAllowed("POST"));
