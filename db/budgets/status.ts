import { sql } from "drizzle-orm";
import { forecastSpend, monthOf, percentOf, type BudgetScope, type BudgetStatus } from "@/lib/budgets";
import { resolvePeriod, todayIn } from "@/lib/period";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { selectRows } from "../sql";
import { userUsageRows } from "../stats/rollup";
import { getDataBounds } from "../stats/scope";
import { getTeamSettings } from "../team-settings";

// A budget's spend is the dashboard's own "this month" cost (the leaderboard's per-person sums, from the
// same read model and rollups, in the cost mode in force), over every provider: the team's is everyone's
// (people hidden from the leaderboard included, as in the team totals), a group's its members', a
// person's their own.

export interface BudgetFilter {
  scope?: BudgetScope;
  /** Only this person's budget (the person page): their usage alone is summed. */
  userId?: number;
  /** The team's and groups' budgets only (the leaderboard): personal ones are not even summed. */
  withoutPersonal?: boolean;
}

/** What a page has already read for its own scope: the team's timezone and the data's bounds. */
export type Known = Pick<Scope, "timezone" | "data">;

async function readKnown(): Promise<Known> {
  const [{ timezone }, data] = await Promise.all([getTeamSettings(), getDataBounds()]);
  return { timezone, data };
}

/** The current month in the team's timezone, as the dashboard's "this month" scope. */
export async function currentMonthScope(now = new Date(), known?: Known): Promise<Scope> {
  const { timezone, data } = known ?? (await readKnown());
  const today = todayIn(timezone, now);
  return {
    period: resolvePeriod({ range: "this-month" }, { today, earliest: data.earliest }),
    provider: "all",
    timezone,
    data,
    group: null, // a group's budget filters to its members in the statement itself
  };
}

/**
 * Every budget (or those matching `filter`) with this month's spend, forecast and alerts raised, in one
 * statement. A page passes what it has `known` already, so a page view reads nothing twice.
 */
export async function getBudgetStatuses(
  filter: BudgetFilter = {},
  now = new Date(),
  known?: Known,
): Promise<BudgetStatus[]> {
  const db = await getDb();
  const scope = await currentMonthScope(now, known);
  const today = scope.period.to;
  const month = monthOf(today);
  const onlyUser = filter.userId !== undefined ? sql`user_id = ${filter.userId}` : sql`true`;
  const rows = await selectRows(
    db,
    {
      id: "number",
      scope: "text",
      monthly_usd: "number",
      thresholds: "text",
      group_id: "number",
      group_name: "textOrNull",
      group_display: "textOrNull",
      user_id: "number",
      username: "textOrNull",
      user_display: "textOrNull",
      hidden: "textOrNull",
      spend: "number",
      raised: "textOrNull",
      forecast_raised: "textOrNull",
    },
    sql`with spend as (
          select user_id, sum(cost) as cost from (${userUsageRows(scope, scope.period, { where: onlyUser, fields: "cost" })}) usage
          group by user_id)
        select b.id, b.scope::text as scope, b.monthly_usd,
          array_to_string(b.thresholds, ',') as thresholds,
          b.group_id, g.name as group_name, g.display_name as group_display,
          b.user_id, u.username, u.display_name as user_display, u.hidden_from_leaderboard::text as hidden,
          case b.scope
            when 'team' then (select sum(cost) from spend)
            when 'user' then (select sum(cost) from spend where spend.user_id = b.user_id)
            else (select sum(s.cost) from spend s join group_members m on m.user_id = s.user_id
                  where m.group_id = b.group_id)
          end as spend,
          (select string_agg(a.threshold::text, ',' order by a.threshold) from alerts a
           where a.budget_id = b.id and a.kind = 'threshold' and a.period_start = ${month.first}::date) as raised,
          (select 'yes' from alerts a
           where a.budget_id = b.id and a.kind = 'forecast' and a.period_start = ${month.first}::date) as forecast_raised
        from budgets b left join groups g on g.id = b.group_id left join users u on u.id = b.user_id
        where (${filter.scope === undefined ? sql`true` : sql`b.scope = ${filter.scope}`})
          and (${filter.userId === undefined ? sql`true` : sql`b.user_id = ${filter.userId}`})
          and (${filter.withoutPersonal ? sql`b.scope <> 'user'` : sql`true`})
        order by case b.scope when 'team' then 0 when 'group' then 1 else 2 end,
          g.display_name, u.display_name, b.id`,
  );
  const list = (text: string | null) => (text ? text.split(",").map(Number) : []);
  return rows.map((r) => {
    const forecastUsd = forecastSpend(r.spend, month);
    return {
      id: r.id,
      scope: r.scope as BudgetScope,
      group: r.group_name
        ? { id: r.group_id, name: r.group_name, displayName: r.group_display ?? r.group_name }
        : null,
      user: r.username
        ? {
            id: r.user_id,
            username: r.username,
            displayName: r.user_display ?? r.username,
            hidden: r.hidden === "true",
          }
        : null,
      monthlyUsd: r.monthly_usd,
      thresholds: list(r.thresholds),
      month: month.month,
      today,
      spendUsd: r.spend,
      percent: percentOf(r.spend, r.monthly_usd),
      forecastUsd,
      forecastPercent: percentOf(forecastUsd, r.monthly_usd),
      raised: { thresholds: list(r.raised), forecast: r.forecast_raised === "yes" },
    };
  });
}
