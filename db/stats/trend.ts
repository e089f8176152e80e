import { sql, type SQL } from "drizzle-orm";
import { bucketStart, type Bucket } from "@/lib/charts/buckets";
import { bucketStarts } from "@/lib/charts/spark";
import type { Scope } from "@/lib/stats/scope";
import { userDatedCostRows } from "./rollup";

/**
 * Each dated row's bucket as its position in the period (0 for the bucket holding `from`), so the rows
 * come back ready to place: no dates to parse or look up per row. Weeks start on Monday, as the charts' do.
 */
function bucketIndex(from: string, bucket: Bucket): SQL {
  if (bucket === "day") return sql`(date - ${from}::date)`;
  if (bucket === "week")
    return sql`((date_trunc('week', date::timestamp)::date - ${bucketStart(from, "week")}::date) / 7)`;
  const months = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7));
  return sql`(extract(year from date)::int * 12 + extract(month from date)::int - ${months}::int)`;
}

/**
 * Rows of (user_id, trend): each chosen person's cost per bucket of the period as "position:cost" pairs
 * joined by commas, for the leaderboard's spark lines (read back by readTrend). Per month it reads the
 * rollups the leaderboard reads; per day or week the daily rows of just these people.
 */
export function trendRows(scope: Scope, bucket: Bucket, where: SQL): SQL {
  const rows = userDatedCostRows(scope, scope.period, bucket === "month", where);
  const i = bucketIndex(scope.period.from, bucket);
  // Per day over every provider the rows (usage_stats: one per person and day) are the buckets already.
  const perBucket =
    bucket === "day" && scope.provider === "all"
      ? sql`select user_id, ${i} as i, cost from (${rows}) usage`
      : sql`select user_id, ${i} as i, sum(cost) as cost from (${rows}) usage group by 1, 2`;
  return sql`select user_id, string_agg(i || ':' || cost::float8, ',') as trend
    from (${perBucket}) per_bucket
    group by user_id`;
}

/** How many buckets the period's spark lines have: the length readTrend gives every trend. */
export const trendLength = (scope: Scope, bucket: Bucket) =>
  bucketStarts(scope.period.from, scope.period.to, bucket).length;

/** A trendRows trend as the cost of each of `length` buckets, in order (zero where none). */
export function readTrend(trend: string | null, length: number): number[] {
  const costs = new Array<number>(length).fill(0);
  for (const pair of trend ? trend.split(",") : []) {
    const colon = pair.indexOf(":");
    const i = Number(pair.slice(0, colon));
    if (i >= 0 && i < length) costs[i] += Number(pair.slice(colon + 1));
  }
  return costs;
}
