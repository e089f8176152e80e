import { sql, type SQL } from "drizzle-orm";
import type { Bucket } from "@/lib/charts/buckets";
import { bucketCosts } from "@/lib/charts/spark";
import type { Scope } from "@/lib/stats/scope";
import { userDatedCostRows } from "./rollup";

// Buckets map to fixed SQL, never to text from the request. Weeks start on Monday, as the charts' do.
const BUCKET_START = {
  day: sql`date`,
  week: sql`date_trunc('week', date::timestamp)::date`,
  month: sql`date_trunc('month', date::timestamp)::date`,
} as const;

/**
 * Rows of (user_id, trend): each chosen person's cost per bucket of the period as JSON text, for the
 * leaderboard's spark lines (read back by readTrend). Per month it reads the rollups the leaderboard
 * reads; per day or week the daily rows of just these people.
 */
export function trendRows(scope: Scope, bucket: Bucket, where: SQL): SQL {
  return sql`select user_id, json_agg(json_build_array(date, cost))::text as trend
    from (
      select user_id, ${BUCKET_START[bucket]}::text as date, sum(cost)::float8 as cost
      from (${userDatedCostRows(scope, scope.period, bucket === "month", where)}) usage
      group by 1, 2) per_bucket
    group by user_id`;
}

/** A trendRows trend as the cost of every bucket of the period, in order (zero where none). */
export function readTrend(trend: string | null, scope: Scope, bucket: Bucket): number[] {
  const pairs = trend ? (JSON.parse(trend) as [string, number][]) : [];
  return bucketCosts(
    pairs.map(([date, cost]) => ({ date, cost })),
    scope.period,
    bucket,
  );
}
