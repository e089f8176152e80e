import { eq, sql } from "drizzle-orm";
import { isStorableName } from "@/lib/path-segment";
import type { Provider } from "@/lib/provider";
import type { StatsQuery } from "@/lib/stats/query";
import { scanRange, type Scope } from "@/lib/stats/scope";
import { keysByTotal, STACK_KEYS, OTHER, stackDaily, stackKeys, type DailyPoint } from "@/lib/stats/series";
import type { ModelRow } from "@/lib/stats/types";
import { modelTotals } from "@/lib/stats/models";
import { getDb } from "../index";
import { modelUsage, users } from "../schema";
import { selectRows } from "../sql";
import { userModelUsageRows } from "./rollup";
import { modelDays, providerFilter } from "./scope";
import { readTotals, sumColumns, TOKENS, usageSums } from "./sums";

// Models have no cache or activity order of their own: those sort by cost.
const ORDER = {
  cost: sql`cost desc`,
  tokens: sql`total_tokens desc`,
  cache: sql`cost desc`,
  lines: sql`cost desc`,
  sessions: sql`cost desc`,
  active: sql`cost desc`,
  savings: sql`cache_savings desc`,
} as const;

/** Every model used in the period with its totals, users and share of spend; `model` narrows it to one. */
export async function getModels(
  scope: Scope,
  query: Pick<StatsQuery, "sort" | "limit">,
  model?: string,
): Promise<{ rows: ModelRow[]; totalCost: number }> {
  const db = await getDb();
  const scan = scanRange(scope);
  const current = sql`date >= ${scope.period.from}`;
  const rows = await selectRows(
    db,
    {
      model: "text",
      provider: "text",
      ...sumColumns(),
      active_days: "number",
      previous_cost: "number",
      people: "number",
      all_cost: "number",
    },
    sql`with per_model as (
          select model, min(provider::text) as provider, ${usageSums("", current)},
            ${scope.group ? sql`count(distinct date)` : sql`count(*)`} filter (where ${current}) as active_days,
            sum(cost) filter (where date < ${scope.period.from}) as previous_cost
          from ${modelDays(scope)} where date between ${scan.from} and ${scan.to}${providerFilter(scope)}
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
  const totalCost = rows.length ? rows[0].all_cost : 0;
  const all = rows.map((r) => ({
    ...modelTotals(r.model, r.provider as Provider, readTotals(r)),
    people: r.people,
    activeDays: r.active_days,
    shareOfCost: totalCost ? r.cost / totalCost : 0,
    previousCost: scope.period.previous ? r.previous_cost : null,
  }));
  return {
    rows: model === undefined ? all.slice(0, query.limit) : all.filter((r) => r.model === model),
    totalCost,
  };
}

/** Daily cost, tokens and unpriced tokens stacked by the top models (or for one model), gap-filled. */
export async function getModelDaily(
  scope: Scope,
  model?: string,
  /** Tokens without cache reads (which dwarf the other types). */
  withoutCacheReads = false,
): Promise<{ keys: string[]; cost: DailyPoint[]; tokens: DailyPoint[]; unpriced: DailyPoint[] }> {
  const db = await getDb();
  const { from, to } = scope.period;
  const only = model === undefined ? sql`` : sql` and model = ${model}`;
  // The top models are chosen in SQL; the rest come back with a null key ("Other").
  const rows = await selectRows(
    db,
    { date: "text", key: "textOrNull", cost: "number", tokens: "number", unpriced: "number" },
    sql`with scoped as (
          select date, model, cost,
            ${TOKENS}${withoutCacheReads ? sql` - cache_read_tokens` : sql``} as tokens, unpriced_tokens
          from ${modelDays(scope)} where date between ${from} and ${to}${providerFilter(scope)}${only}),
        top as (select model from scoped group by model order by sum(cost) desc, model limit ${STACK_KEYS})
        select date::text as date, case when model in (select model from top) then model end as key,
          sum(cost) as cost, sum(tokens) as tokens, sum(unpriced_tokens) as unpriced
        from scoped group by 1, 2`,
  );
  const series = (value: "cost" | "tokens" | "unpriced") =>
    rows.map((r) => ({ date: r.date, key: r.key ?? OTHER, value: r[value] }));
  const keys = stackKeys(keysByTotal(series("cost")));
  return {
    keys,
    cost: stackDaily(from, to, keys, series("cost")),
    tokens: stackDaily(from, to, keys, series("tokens")),
    unpriced: stackDaily(from, to, keys, series("unpriced")),
  };
}

/** Who used one model most in the period. */
export async function getModelUsers(scope: Scope, model: string, limit: number) {
  const db = await getDb();
  const rows = await selectRows(
    db,
    { username: "text", display_name: "text", ...sumColumns() },
    sql`select u.username, u.display_name, ${usageSums()}
        from (${userModelUsageRows(scope, scope.period, sql`model = ${model}`)}) m
        join ${users} u on u.id = m.user_id and not u.hidden_from_leaderboard
        group by u.id order by cost desc, u.username limit ${limit}`,
  );
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, ...readTotals(r) }));
}

/** True when the model was ever used by anyone (an unknown model is a 404, not an empty page). */
export async function modelExists(model: string): Promise<boolean> {
  if (!isStorableName(model)) return false;
  const db = await getDb();
  const rows = await db
    .select({ model: modelUsage.model })
    .from(modelUsage)
    .where(eq(modelUsage.model, model))
    .limit(1);
  return rows.length > 0;
}
