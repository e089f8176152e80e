import { sql } from "drizzle-orm";
import type { StatsQuery } from "@/lib/stats-query";
import { getDb } from "../index";
import { queryRows } from "../sql";
import { userModelUsageRows, userUsageRows, withPrevious } from "./rollup";
import { num, numOrNull, providerFilter, type Scope } from "./scope";
import { fillDaily, type DailyPoint } from "./series";
import { cacheReadShare, readTotals, usageSums, type UsageTotals } from "./sums";

export interface LeaderboardRow extends UsageTotals {
  rank: number;
  username: string;
  displayName: string;
  activeDays: number;
  topModel: string | null;
  cacheReadShare: number | null;
  /** Cost in the previous period of the same length; null for all time. */
  previousCost: number | null;
}

export interface TeamTotals extends UsageTotals {
  activePeople: number;
  /** Days on which a person used Claude Code, summed over people. */
  activePersonDays: number;
  costPerActiveDay: number | null;
}

export interface Leaderboard {
  rows: LeaderboardRow[];
  team: TeamTotals;
  previousTeam: TeamTotals | null;
}

// Sort keys map to fixed SQL, never to text from the request.
const ORDER = {
  cost: sql`cost desc`,
  tokens: sql`total_tokens desc`,
  cache: sql`cache_read_tokens::float8 / nullif(input_tokens + cache_creation_tokens + cache_read_tokens, 0) desc nulls last`,
} as const;

/** The ranked people of a period with the previous period's cost, team totals, and each person's top model. */
export async function getLeaderboard(
  scope: Scope,
  query: Pick<StatsQuery, "sort" | "limit">,
): Promise<Leaderboard> {
  const db = await getDb();
  const { period } = scope;
  // Per person and month, tagged p = 0 (this period) or 1 (the previous one); see rollup.ts.
  const usage = withPrevious(scope, (span) => userUsageRows(scope, span));
  const current = sql`p = 0`;
  const previous = sql`p = 1`;

  const [rows, [team]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with per_user as (
            select user_id, ${usageSums("", current)},
              sum(active_days) filter (where ${current}) as active_days,
              sum(cost) filter (where ${previous}) as previous_cost
            from (${usage}) usage
            group by user_id)
          select p.*, u.username, u.display_name
          from per_user p join users u on u.id = p.user_id
          where p.active_days > 0 and not u.hidden_from_leaderboard
          order by ${ORDER[query.sort]}, u.username
          limit ${query.limit}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select ${usageSums("", current)}, ${usageSums("prev_", previous)},
            count(distinct user_id) filter (where ${current}) as people,
            count(distinct user_id) filter (where ${previous}) as prev_people,
            coalesce(sum(active_days) filter (where ${current}), 0) as person_days,
            coalesce(sum(active_days) filter (where ${previous}), 0) as prev_person_days
          from (${usage}) usage`,
    ),
  ]);

  const topModels = await topModelByUser(
    scope,
    rows.map((r) => num(r.user_id)),
  );
  const teamTotals = (prefix: string): TeamTotals => {
    const totals = readTotals(team, prefix);
    const personDays = num(team[`${prefix}person_days`]);
    return {
      ...totals,
      activePeople: num(team[`${prefix}people`]),
      activePersonDays: personDays,
      costPerActiveDay: personDays ? totals.cost / personDays : null,
    };
  };

  return {
    rows: rows.map((r, i) => {
      const totals = readTotals(r);
      return {
        rank: i + 1,
        username: String(r.username),
        displayName: String(r.display_name),
        ...totals,
        activeDays: num(r.active_days),
        topModel: topModels.get(num(r.user_id)) ?? null,
        cacheReadShare: cacheReadShare(totals),
        previousCost: period.previous ? (numOrNull(r.previous_cost) ?? 0) : null,
      };
    }),
    team: teamTotals(""),
    previousTeam: period.previous ? teamTotals("prev_") : null,
  };
}

async function topModelByUser(scope: Scope, userIds: number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const db = await getDb();
  const listed = sql`user_id = any(${`{${userIds.join(",")}}`}::int[])`;
  const rows = await queryRows<{ user_id: number; model: string }>(
    db,
    sql`select distinct on (user_id) user_id, model
        from (${userModelUsageRows(scope, scope.period, listed)}) usage
        group by user_id, model
        order by user_id, sum(cost) desc, sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) desc`,
  );
  return new Map(rows.map((r) => [num(r.user_id), r.model]));
}

export type StackBy = "person" | "model";
const STACK_KEYS = 8;
export const OTHER = "Other";

/** Team cost per day, stacked by the top people or models (the rest summed as "Other"), gap-filled. */
export async function getTeamDailyCost(
  scope: Scope,
  by: StackBy,
): Promise<{ keys: string[]; points: DailyPoint[]; labels: Record<string, string> }> {
  const db = await getDb();
  const { from, to } = scope.period;
  // Hidden people are summed into "Other": counted, never named.
  const key =
    by === "person" ? sql`case when u.hidden_from_leaderboard then null else u.username end` : sql`m.model`;
  const rows = await queryRows<{ date: string; key: string | null; label: string | null; cost: string }>(
    db,
    sql`with scoped as (
          select m.date, ${key} as key, ${by === "person" ? sql`u.display_name` : sql`m.model`} as label, m.cost
          from model_usage m join users u on u.id = m.user_id
          where m.date between ${from} and ${to}${providerFilter(scope, sql`m.provider`)}),
        top as (select key from scoped where key is not null group by key order by sum(cost) desc, key limit ${STACK_KEYS})
        select date::text as date, case when key in (select key from top) then key end as key,
          min(label) as label, sum(cost) as cost
        from scoped group by 1, 2`,
  );
  const totals = new Map<string, number>();
  const points = rows.map((r) => ({ date: r.date, key: r.key ?? OTHER, value: num(r.cost) }));
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.value);
  const keys = [...totals.keys()].sort((a, b) =>
    a === OTHER ? 1 : b === OTHER ? -1 : totals.get(b)! - totals.get(a)!,
  );
  const labels = Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key!, r.label ?? r.key!]));
  return { keys, points: fillDaily(from, to, keys, points), labels };
}
