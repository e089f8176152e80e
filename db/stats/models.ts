import { isStorableName } from "@/lib/path-segment";
import { sql } from "drizzle-orm";
import { cache } from "react";
import type { StatsQuery } from "@/lib/stats/query";
import { getDb } from "../index";
import type { Provider } from "../schema";
import { queryRows } from "../sql";
import { OTHER } from "./leaderboard";
import { userModelUsageRows } from "./rollup";
import { num, providerFilter, scanRange, type Scope } from "./scope";
import { fillDaily, type DailyPoint } from "../../lib/stats/series";
import { readTotals, usageSums, type UsageTotals } from "./sums";

export interface ModelRow extends UsageTotals {
  model: string;
  provider: Provider;
  people: number;
  activeDays: number;
  /** This model's part of the period's total cost (0-1). */
  shareOfCost: number;
  previousCost: number | null;
}

const ORDER = { cost: sql`cost desc`, tokens: sql`total_tokens desc`, cache: sql`cost desc` } as const;

/** Every model used in the period with its totals, users and share of spend; `model` narrows it to one. */
export async function getModels(
  scope: Scope,
  query: Pick<StatsQuery, "sort" | "limit">,
  model?: string,
): Promise<{ rows: ModelRow[]; totalCost: number }> {
  const db = await getDb();
  const scan = scanRange(scope);
  const current = sql`date >= ${scope.period.from}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with per_model as (
          select model, min(provider::text) as provider, ${usageSums("", current)},
            count(*) filter (where ${current}) as active_days,
            sum(cost) filter (where date < ${scope.period.from}) as previous_cost
          from model_day_usage where date between ${scan.from} and ${scan.to}${providerFilter(scope)}
          group by model),
        -- Distinct people need per-person rows: the monthly rollups plus the days of partial months.
        people as (
          select model, count(distinct user_id) as people
          from (${userModelUsageRows(scope, scope.period)}) usage group by model)
        select per_model.*, coalesce(people.people, 0) as people, sum(cost) over () as all_cost
        from per_model left join people using (model)
        where active_days > 0
        order by ${ORDER[query.sort]}, model`,
  );
  const totalCost = rows.length ? num(rows[0].all_cost) : 0;
  const all = rows.map((r) => ({
    model: String(r.model),
    provider: r.provider as Provider,
    ...readTotals(r),
    people: num(r.people),
    activeDays: num(r.active_days),
    shareOfCost: totalCost ? num(r.cost) / totalCost : 0,
    previousCost: scope.period.previous ? num(r.previous_cost) : null,
  }));
  return {
    rows: model === undefined ? all.slice(0, query.limit) : all.filter((r) => r.model === model),
    totalCost,
  };
}

/** Daily cost and tokens stacked by the top models (or for one model), gap-filled. */
export async function getModelDaily(
  scope: Scope,
  model?: string,
): Promise<{ keys: string[]; cost: DailyPoint[]; tokens: DailyPoint[] }> {
  const db = await getDb();
  const { from, to } = scope.period;
  const only = model === undefined ? sql`` : sql` and model = ${model}`;
  const rows = await queryRows<{ date: string; key: string | null; cost: string; tokens: string }>(
    db,
    sql`with scoped as (
          select date, model, cost, input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens as tokens
          from model_day_usage where date between ${from} and ${to}${providerFilter(scope)}${only}),
        top as (select model from scoped group by model order by sum(cost) desc, model limit 8)
        select date::text as date, case when model in (select model from top) then model end as key,
          sum(cost) as cost, sum(tokens) as tokens
        from scoped group by 1, 2`,
  );
  const points = rows.map((r) => ({
    date: r.date,
    key: r.key ?? OTHER,
    cost: num(r.cost),
    tokens: num(r.tokens),
  }));
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.cost);
  const keys = [...totals.keys()].sort((a, b) =>
    a === OTHER ? 1 : b === OTHER ? -1 : totals.get(b)! - totals.get(a)!,
  );
  return {
    keys,
    cost: fillDaily(
      from,
      to,
      keys,
      points.map((p) => ({ date: p.date, key: p.key, value: p.cost })),
    ),
    tokens: fillDaily(
      from,
      to,
      keys,
      points.map((p) => ({ date: p.date, key: p.key, value: p.tokens })),
    ),
  };
}

/** Who used one model most in the period. */
export async function getModelUsers(scope: Scope, model: string, limit: number) {
  const db = await getDb();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.username, u.display_name, ${usageSums()}
        from (${userModelUsageRows(scope, scope.period, sql`model = ${model}`)}) m
        join users u on u.id = m.user_id and not u.hidden_from_leaderboard
        group by u.id order by cost desc, u.username limit ${limit}`,
  );
  return rows.map((r) => ({
    username: String(r.username),
    displayName: String(r.display_name),
    ...readTotals(r),
  }));
}

/** True when the model was ever used by anyone (an unknown model is a 404, not an empty page). */
// Memoised per request: the model layout checks existence, the page reuses the answer.
export const modelExists = cache(async (model: string): Promise<boolean> => {
  if (!isStorableName(model)) return false;
  const db = await getDb();
  const rows = await queryRows(db, sql`select 1 from model_usage where model = ${model} limit 1`);
  return rows.length > 0;
});
