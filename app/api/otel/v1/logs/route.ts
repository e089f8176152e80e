import { methodNotAllowed } from "@/server/http";
import { receiveTelemetry } from "@/server/telemetry";

/** POST /api/otel/v1/logs: Claude Code's OpenTelemetry logs (OTLP over HTTP, protobuf or JSON). */
export const POST = (request: Request) => receiveTelemetry(request, "logs");

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
