import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
/** Liveness without touching the database (and the benchmark's framework floor). */
export const GET = measured("/api/ping", function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
export const { POST, PUT, PATCH, DELETE } = measured("/api/ping", methodNotAllowed("GET"));
