import "server-only";
import { AppError } from "@/lib/errors";
import { parseStatsQuery, type StatsQuery } from "@/lib/stats/query";
import type { Scope } from "@/lib/stats/scope";
import { groupNames } from "../queries";
import { resolveScope } from "./scope";
import { autoBucket, type Bucket } from "@/lib/charts/buckets";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What a dashboard page shows: its parameters, query and resolved scope, or why the parameters are invalid. */
export type Dashboard =
  | {
      ok: true;
      params: Record<string, string | undefined>;
      query: StatsQuery;
      scope: Scope;
      /** The charts' bars: the query's, else the period's own choice. */
      bucket: Bucket;
      /** Every group, for the group picker (none: no picker). */
      groups: { name: string; displayName: string }[];
    }
  | { ok: false; params: Record<string, string | undefined>; error: string };

/** The one loader of the dashboard pages (leaderboard, person, models): search params to scope. */
export async function loadDashboard(searchParams: SearchParams): Promise<Dashboard> {
  const raw = await searchParams;
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  let query: StatsQuery;
  let scope: Scope;
  let groups: { name: string; displayName: string }[];
  try {
    query = parseStatsQuery(params);
    // An unknown group is an invalid query too.
    [scope, groups] = await Promise.all([resolveScope(query), groupNames()]);
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid")
      return { ok: false, params, error: error.message };
    throw error;
  }
  return { ok: true, params, query, scope, groups, bucket: query.bucket ?? autoBucket(scope.period.days) };
}

/**
 * A statement a part of the page awaits itself, so the page renders the rest while it runs. Marked as
 * handled: when the page fails before that part renders, its failure is not also an unhandled rejection.
 */
export function readLater<T>(statement: Promise<T>): Promise<T> {
  statement.catch(() => {});
  return statement;
}
