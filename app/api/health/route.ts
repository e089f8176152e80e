import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { databaseHealth } from "@/server/queries";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the home page: 200 when the database answers, 503 when it does not. */
export const GET = measured("/api/health", async function GET() {
  const database = await databaseHealth();
  return Response.json(
    { status: database.reachable ? "ok" : "unavailable", version: APP_VERSION, database },
    { status: database.reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
export const { POST, PUT, PATCH, DELETE } = measured("/api/health", methodNotAllowed("GET"));
