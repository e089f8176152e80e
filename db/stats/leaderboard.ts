import { sql } from "drizzle-orm";
import type { StatsQuery } from "@/lib/stats/query";
import type { Scope } from "@/lib/stats/scope";
import { keysByTotal, OTHER, STACK_KEYS, stackDaily, stackKeys, type DailyPoint } from "@/lib/stats/series";
import type { Leaderboard, TeamTotals } from "@/lib/stats/types";
import { cacheReadShare } from "@/lib/usage";
import { modelName } from "@/lib/prices/catalog";
import { modelLabels } from "@/lib/stats/models";
import { getDb } from "../index";
import { modelUsage, telemetryActivity, users } from "../schema";
import { selectRows } from "../sql";
import { userModelUsageRows, userUsageRows, withPrevious } from "./rollup";
import { ACTIVITY_METRICS } from "@/lib/otel/telemetry";
import { activityColumns, activitySums, readActivity, resumActivity } from "./activity";
import { memberFilter, modelDays, providerFilter } from "./scope";
import { readTotals, resum, rowSums, sumColumns, SUMMED_USAGE, TOKENS, usageSums, zeroSums } from "./sums";
import { readTrend, trendLength, trendRows } from "./trend";
import type { Bucket } from "@/lib/charts/buckets";

// Sort keys map to fixed SQL, never to text from the request.
const ORDER = {
  cost: sql`cost desc`,
  tokens: sql`total_tokens desc`,
  cache: sql`cache_read_tokens::float8 / nullif(input_tokens + cache_creation_tokens + cache_read_tokens, 0) desc nulls last`,
  lines: sql`lines_added desc`,
  sessions: sql`sessions desc`,
  active: sql`active_seconds desc`,
  savings: sql`cache_savings desc`,
} as const;

// A ranked person's activity from telemetry, zero where they sent none.
const ACTIVITY_OF = sql.raw(ACTIVITY_METRICS.map((m) => `coalesce(a.${m}, 0) as ${m}`).join(", "));

/**
 * The ranked people of a period with the previous period's cost, team totals, each person's top model and,
 * when asked (`trend`), their cost per bucket of the period (the page's spark lines), in one statement.
 */
export async function getLeaderboard(
  scope: Scope,
  query: Pick<StatsQuery, "sort" | "limit"> & { trend?: Bucket },
): Promise<Leaderboard> {
  const db = await getDb();
  const { period } = scope;
  // Per person totals with the previous period's beside them. With a previous period the rows (tagged
  // p = 0 for this period, 1 for the previous one; see rollup.ts) are summed per person and period, plain
  // sums over the many input rows, then each person's two rows are put side by side by a join (summing
  // them again with filters took longer than the first sums: numeric aggregates per person and column);
  // all time has no previous period.
  const perUser = period.previous
    ? sql`per_period as (
          select user_id, p, ${SUMMED_USAGE}, sum(active_days) as active_days
          from (${withPrevious(scope, (span) => userUsageRows(scope, span))}) usage
          group by user_id, p),
        per_user as (
          select coalesce(c.user_id, v.user_id) as user_id, ${rowSums("c")}, ${rowSums("v", "prev_")},
            c.active_days, v.active_days as prev_active_days
          from (select * from per_period where p = 0) c
            full join (select * from per_period where p = 1) v on v.user_id = c.user_id)`
    : sql`per_user as (
          select user_id, ${usageSums()}, ${zeroSums("prev_")},
            sum(active_days) as active_days, null::bigint as prev_active_days
          from (${userUsageRows(scope, period)}) usage
          group by user_id)`;

  const rankedOnly = sql`user_id = any(array(select user_id from ranked))`;
  const trends = query.trend
    ? {
        with: sql`, trends as (${trendRows(scope, query.trend, rankedOnly)})`,
        select: sql`, trends.trend`,
        join: sql` left join trends on trends.user_id = ranked.user_id`,
      }
    : { with: sql``, select: sql`, null::text as trend`, join: sql`` };
  // One statement: per person totals, the team's totals over them (hidden people included), then the
  // ranked page of people; the team columns come on every row, and on a single row of nulls when nobody
  // ranks.
  const all = await selectRows(
    db,
    {
      ...sumColumns("team_"),
      ...sumColumns("team_prev_"),
      team_people: "number",
      team_prev_people: "number",
      team_person_days: "number",
      team_prev_person_days: "number",
      user_id: "textOrNull",
      username: "text",
      display_name: "text",
      ...sumColumns(),
      ...sumColumns("prev_"),
      active_days: "number",
      top_model: "textOrNull",
      trend: "textOrNull",
      ...activityColumns(),
      ...activityColumns("team_"),
    },
    sql`with ${perUser},
        activity as (
          select user_id, ${activitySums()} from ${telemetryActivity}
          where date between ${period.from} and ${period.to}${memberFilter(scope)} group by user_id),
        team_activity as (select ${resumActivity("", "team_")} from activity),
        team as (
          select ${resum("", "team_")}, ${resum("prev_", "team_prev_")},
            count(*) filter (where active_days > 0) as team_people,
            count(*) filter (where prev_active_days > 0) as team_prev_people,
            coalesce(sum(active_days), 0) as team_person_days,
            coalesce(sum(prev_active_days), 0) as team_prev_person_days
          from per_user),
        -- Top-N first (a heap sort), then numbered: never sort or number every person.
        ranked as (
          select top.*, row_number() over (order by ${ORDER[query.sort]}, username) as rank
          from (
            select p.*, u.username, u.display_name, ${ACTIVITY_OF}
            from per_user p join ${users} u on u.id = p.user_id left join activity a on a.user_id = p.user_id
            where p.active_days > 0 and not u.hidden_from_leaderboard
            order by ${ORDER[query.sort]}, u.username limit ${query.limit}) top),
        -- Each ranked person's most expensive model (then most tokens) in the period.
        top_models as (
          select distinct on (user_id) user_id, model as top_model
          from (${userModelUsageRows(scope, period, rankedOnly)}) usage
          group by user_id, model
          order by user_id, sum(cost) desc, sum(${TOKENS}) desc)${trends.with}
        select team.*, team_activity.*, ranked.*, top_models.top_model${trends.select}
        from team cross join team_activity left join ranked on true
          left join top_models on top_models.user_id = ranked.user_id${trends.join}
        order by ranked.rank`,
  );
  const team = all[0];
  const rows = all.filter((r) => r.user_id !== null);
  const teamTotals = (prefix: "team_" | "team_prev_"): TeamTotals => {
    const totals = readTotals(team, prefix);
    const personDays = team[`${prefix}person_days`];
    return {
      ...totals,
      activePeople: team[`${prefix}people`],
      activePersonDays: personDays,
      costPerActiveDay: personDays ? totals.cost / personDays : null,
      activity: readActivity(team, "team_"),
    };
  };

  const buckets = query.trend ? trendLength(scope, query.trend) : 0;
  return {
    rows: rows.map((r, i) => {
      const totals = readTotals(r);
      return {
        rank: i + 1,
        username: r.username,
        displayName: r.display_name,
        ...totals,
        activeDays: r.active_days,
        topModel: r.top_model,
        topModelName: r.top_model === null ? null : modelName(r.top_model),
        cacheReadShare: cacheReadShare(totals),
        previousCost: period.previous ? r.prev_cost : null,
        activity: readActivity(r),
        ...(query.trend && { trend: readTrend(r.trend, buckets) }),
      };
    }),
    team: teamTotals("team_"),
    previousTeam: period.previous ? teamTotals("team_prev_") : null,
  };
}

export type StackBy = "person" | "model";

/** Team cost per day, stacked by the top people or models (the rest summed as "Other"), gap-filled. */
export async function getTeamDailyCost(
  scope: Scope,
  by: StackBy,
): Promise<{ keys: string[]; points: DailyPoint[]; labels: Record<string, string> }> {
  const db = await getDb();
  const { from, to } = scope.period;
  const days = sql`date between ${from} and ${to}${providerFilter(scope)}`;
  // Both read the team's (or the group's) per-model days (modelDays); people are named from their own rows. The
  // top keys are chosen in SQL, the rest come back with a null key ("Other").
  const rows = await selectRows(
    db,
    { date: "text", key: "textOrNull", label: "textOrNull", cost: "number" },
    by === "model"
      ? sql`with top as (
              select model from ${modelDays(scope)} where ${days}
              group by model order by sum(cost) desc, model limit ${STACK_KEYS})
            select date::text as date, case when model in (select model from top) then model end as key,
              min(model) as label, sum(cost) as cost
            from ${modelDays(scope)} where ${days} group by 1, 2`
      : // The top people (hidden people are never named), and "Other" = the team's day minus theirs.
        sql`with top as (
              select u.id, u.username, u.display_name
              from (${userUsageRows(scope, scope.period, { fields: "cost" })}) usage join ${users} u on u.id = usage.user_id
              where not u.hidden_from_leaderboard
              group by u.id order by sum(usage.cost) desc, u.username limit ${STACK_KEYS}),
            named as (
              select date, top.username as key, top.display_name as label, sum(cost) as cost
              from ${modelUsage} join top on top.id = model_usage.user_id
              where ${days} group by 1, 2, 3),
            team as (select date, sum(cost) as cost from ${modelDays(scope)} where ${days} group by date),
            named_day as (select date, sum(cost) as cost from named group by date),
            other as (
              select date, team.cost - coalesce(named_day.cost, 0) as cost
              from team left join named_day using (date))
            select date::text as date, key, label, cost from named
            union all
            select date::text, null, null, cost from other where cost <> 0`,
  );
  const points = rows.map((r) => ({ date: r.date, key: r.key ?? OTHER, value: r.cost }));
  const keys = stackKeys(keysByTotal(points));
  const labels =
    by === "model"
      ? modelLabels(keys.filter((k) => k !== OTHER))
      : Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key!, r.label ?? r.key!]));
  return { keys, points: stackDaily(from, to, keys, points), labels };
}
