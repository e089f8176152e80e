import "server-only";
import { parseStatsQuery, type StatsQuery } from "@/lib/stats/query";
import type { Person } from "@/lib/principal";
import type { Scope } from "@/lib/stats/scope";
import { requireApiReader } from "../auth/access";
import { errorResponse } from "../http";
import { measured } from "../metrics/http";
import { resolveScope } from "./scope";

export interface StatsRequest<P> {
  /** The signed-in person or the key's owner; null for an anonymous reader of a public dashboard. */
  reader: Person | null;
  query: StatsQuery;
  scope: Scope;
  params: P;
}

/**
 * The one shape of the dashboard's read endpoints: check the reader, parse the query (a 422 naming each
 * bad parameter), resolve its period, answer; any failure in the error shape. Counted in the metrics
 * under `route`, the handler's pattern.
 */
export function statsRoute<P = Record<string, never>>(
  route: string,
  answer: (request: StatsRequest<P>) => Promise<Response>,
) {
  return measured(route, async (request: Request, context: { params: Promise<P> }) => {
    try {
      const reader = await requireApiReader(request);
      const query = parseStatsQuery(new URL(request.url).searchParams);
      const scope = await resolveScope(query);
      return await answer({ reader, query, scope, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  });
}
