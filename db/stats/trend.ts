import { inArray, sql } from "drizzle-orm";
import type { Bucket } from "@/lib/charts/buckets";
import { bucketCosts } from "@/lib/charts/spark";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { users } from "../schema";
import { selectRows } from "../sql";
import { userDatedCostRows } from "./rollup";

// Buckets map to fixed SQL, never to text from the request. Weeks start on Monday, as the charts' do.
const BUCKET_START = {
  day: sql`date`,
  week: sql`date_trunc('week', date::timestamp)::date`,
  month: sql`date_trunc('month', date::timestamp)::date`,
} as const;

/**
 * The listed people's cost per bucket of the period (every bucket, zero where they spent nothing), by
 * username: the leaderboard's spark lines, one statement for the whole page. Per month it reads the
 * rollups the leaderboard reads; per day or week the daily rows of just these people.
 */
export async function getCostTrends({
  scope,
  bucket,
  usernames,
}: {
  scope: Scope;
  bucket: Bucket;
  usernames: string[];
}): Promise<Map<string, number[]>> {
  if (usernames.length === 0) return new Map();
  const db = await getDb();
  const { period } = scope;
  const listed = sql`user_id = any(array(select id from listed))`;
  const rows = await selectRows(
    db,
    { username: "text", date: "text", cost: "number" },
    sql`with listed as (select id, username from ${users} where ${inArray(users.username, usernames)})
        select listed.username, ${BUCKET_START[bucket]}::text as date, sum(cost) as cost
        from (${userDatedCostRows(scope, period, bucket === "month", listed)}) usage
          join listed on listed.id = usage.user_id
        group by 1, 2`,
  );
  const byPerson = new Map<string, { date: string; cost: number }[]>(usernames.map((u) => [u, []]));
  for (const row of rows) byPerson.get(row.username)?.push(row);
  return new Map([...byPerson].map(([username, costs]) => [username, bucketCosts(costs, period, bucket)]));
}
