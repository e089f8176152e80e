import "server-only";
import type { StatsQuery } from "@/lib/stats/query";
import { scopeOf, type Scope } from "@/lib/stats/scope";
import { dataBounds, teamSettings } from "../queries";

/** Resolves the query's period against today in the team's timezone. */
export async function resolveScope(query: StatsQuery, now = new Date()): Promise<Scope> {
  // Neither needs the other: one round trip, not two.
  const [{ timezone }, data] = await Promise.all([teamSettings(), dataBounds()]);
  return scopeOf(query, { timezone, data }, now);
}
