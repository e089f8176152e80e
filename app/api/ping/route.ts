import { methodNotAllowed } from "@/server/http";
/** Liveness without touching the database (and the benchmark's framework floor). */
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
