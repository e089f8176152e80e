import { resolvePeriod, todayIn, type DataBounds, type Period } from "@/lib/period";
import type { StatsQuery } from "./query";

/** A group the query is narrowed to (`?group=`): only its members count. */
export interface ScopeGroup {
  id: number;
  name: string;
  displayName: string;
}

/** What every dashboard query needs: the resolved period, the provider filter and the group, if any. */
export interface Scope {
  period: Period;
  provider: StatsQuery["provider"];
  group: ScopeGroup | null;
  timezone: string;
  /** The earliest and latest usage dates: which months the rollups cover whole. */
  data: DataBounds;
}

/** The query's period resolved against today in the team's timezone and the data there is. */
export function scopeOf(
  query: StatsQuery,
  context: { timezone: string; data: DataBounds; group?: ScopeGroup | null },
  now = new Date(),
): Scope {
  const { timezone, data } = context;
  return {
    period: resolvePeriod(query, { today: todayIn(timezone, now), earliest: data.earliest }),
    provider: query.provider,
    group: context.group ?? null,
    timezone,
    data,
  };
}

/** The dates a query must scan: the period, plus the previous one when there is one to compare with. */
export function scanRange(scope: Scope) {
  return { from: scope.period.previous?.from ?? scope.period.from, to: scope.period.to };
}
