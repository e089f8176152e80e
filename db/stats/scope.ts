import { max, min, sql, type SQL } from "drizzle-orm";
import { cache } from "react";
import { resolvePeriod, todayIn, type DataBounds, type Period } from "@/lib/period";
import type { StatsQuery } from "@/lib/stats/query";
import { getDb } from "../index";
import { usageStats } from "../schema";
import { getTeamSettings } from "../team-settings";

/** What every dashboard query needs: the resolved period and the provider filter. */
export interface Scope {
  period: Period;
  provider: StatsQuery["provider"];
  timezone: string;
  /** The earliest and latest usage dates: which months the rollups cover whole. */
  data: DataBounds;
}

/**
 * The earliest and latest usage dates, both null before the first upload: two index lookups
 * (usage_stats_date_read_idx). Memoised per request (React cache): the home page asks whether there is
 * any usage, then resolves its period.
 */
export const getDataBounds = cache(async (): Promise<DataBounds> => {
  const db = await getDb();
  const [data] = await db
    .select({ earliest: min(usageStats.date), latest: max(usageStats.date) })
    .from(usageStats);
  return data;
});

/** Resolves the query's period against today in the team's timezone. */
export async function resolveScope(query: StatsQuery, now = new Date()): Promise<Scope> {
  // Neither needs the other: one round trip, not two.
  const [{ timezone }, data] = await Promise.all([getTeamSettings(), getDataBounds()]);
  return {
    period: resolvePeriod(query, { today: todayIn(timezone, now), earliest: data.earliest }),
    provider: query.provider,
    timezone,
    data,
  };
}

/** `and provider = 'anthropic'` for "Claude only", nothing for all providers. */
export function providerFilter(scope: Scope, column = sql.raw("provider")): SQL {
  return scope.provider === "claude" ? sql` and ${column} = 'anthropic'` : sql``;
}

/** The dates a query must scan: the period, plus the previous one when there is one to compare with. */
export function scanRange(scope: Scope) {
  return { from: scope.period.previous?.from ?? scope.period.from, to: scope.period.to };
}

/** Numeric/bigint aggregates arrive as strings on postgres-js and sometimes on PGlite. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
