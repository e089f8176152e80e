import { methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";
import { metricsResponse } from "@/server/metrics/scrape";

export const dynamic = "force-dynamic";

/** GET /api/metrics: Prometheus metrics, with `Authorization: Bearer <METRICS_TOKEN>` (off when unset). */
export const GET = measured("/api/metrics", (request: Request) => metricsResponse(request));

export const { POST, PUT, PATCH, DELETE } = measured("/api/metrics", methodNotAllowed("GET"));
