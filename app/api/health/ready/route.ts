import { methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";
import { readinessResponse } from "@/server/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers: 200 once start-up work (migrations, the price sync) is done and the
 * database answers, 503 naming what is pending before. /api/health stays the liveness check.
 */
export const GET = measured("/api/health/ready", () => readinessResponse());

export const { POST, PUT, PATCH, DELETE } = measured("/api/health/ready", methodNotAllowed("GET"));
