import { methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";
import { receiveTelemetry } from "@/server/telemetry";

/** POST /api/otel/v1/metrics: Claude Code's OpenTelemetry metrics (OTLP over HTTP, protobuf or JSON). */
export const POST = measured("/api/otel/v1/metrics", (request: Request) =>
  receiveTelemetry(request, "metrics"),
);

export const { GET, PUT, PATCH, DELETE } = measured("/api/otel/v1/metrics", methodNotAllowed("POST"));
