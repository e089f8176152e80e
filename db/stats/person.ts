import { isStorableName } from "@/lib/path-segment";
import { eq, sql } from "drizzle-orm";
import { cache } from "react";
import type { Provider } from "../schema";
import { addDays } from "@/lib/dates";
import { getDb } from "../index";
import { machines, users } from "../schema";
import { queryRows } from "../sql";
import { publicUserColumns } from "../accounts/users";
import { num, providerFilter, scanRange, type Scope } from "./scope";
import { readTotals, usageSums, type UsageTotals } from "./sums";

// Memoised per request: the person layout checks existence, the page reuses the answer.
export const findPerson = cache(async (username: string) => {
  if (!isStorableName(username, 50)) return undefined;
  const db = await getDb();
  const [user] = await db
    .select({ ...publicUserColumns, hiddenFromLeaderboard: users.hiddenFromLeaderboard })
    .from(users)
    .where(eq(users.username, username));
  return user;
});

export interface ModelTotals extends UsageTotals {
  model: string;
  provider: Provider;
}

export interface PersonDay extends UsageTotals {
  date: string;
  models: ModelTotals[];
}

export interface PersonUsage {
  totals: UsageTotals & { activeDays: number };
  previous: (UsageTotals & { activeDays: number }) | null;
  /** Days with usage in the period, each with its per-model rows. */
  days: PersonDay[];
  /** The period's usage per model, most expensive first. */
  models: ModelTotals[];
  machines: { name: string; lastUploadAt: Date | null; activeDays: number; cost: number }[];
}

/** Cost per day (days with usage only) over the 365 days ending with the period. */
export interface PersonCalendar {
  from: string;
  to: string;
  days: { date: string; cost: number }[];
}

export async function getPersonUsage(scope: Scope, userId: number): Promise<PersonUsage> {
  const db = await getDb();
  const { period } = scope;
  const scan = scanRange(scope);
  const filter = providerFilter(scope);
  const current = sql`date >= ${period.from}`;
  const previous = sql`date < ${period.from}`;

  const [[totals], byModel, modelRows, machineRows] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select ${usageSums("", current)}, ${usageSums("prev_", previous)},
            count(distinct date) filter (where ${current}) as active_days,
            count(distinct date) filter (where ${previous}) as prev_active_days
          from model_usage where user_id = ${userId} and date between ${scan.from} and ${scan.to}${filter}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select date::text as date, model, min(provider::text) as provider, ${usageSums()}
          from model_usage where user_id = ${userId} and date between ${period.from} and ${period.to}${filter}
          group by date, model order by date, cost desc`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select model, min(provider::text) as provider, ${usageSums()}
          from model_usage where user_id = ${userId} and date between ${period.from} and ${period.to}${filter}
          group by model order by cost desc, model`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select m.name, m.last_upload_at, count(distinct mu.date) as active_days, coalesce(sum(mu.cost), 0) as cost
          from ${machines} m
          left join machine_usage mu on mu.machine_id = m.id and mu.date between ${period.from} and ${period.to}${providerFilter(scope, sql`mu.provider`)}
          where m.user_id = ${userId}
          group by m.id order by m.last_upload_at desc nulls last, m.name`,
    ),
  ]);

  const days = new Map<string, PersonDay>();
  for (const row of byModel) {
    const date = String(row.date);
    const model: ModelTotals = {
      model: String(row.model),
      provider: row.provider as Provider,
      ...readTotals(row),
    };
    const day = days.get(date) ?? {
      date,
      models: [],
      cost: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      totalTokens: 0,
    };
    day.models.push(model);
    for (const k of [
      "cost",
      "inputTokens",
      "outputTokens",
      "cacheCreationTokens",
      "cacheReadTokens",
      "totalTokens",
    ] as const)
      day[k] += model[k];
    days.set(date, day);
  }
  return {
    totals: { ...readTotals(totals), activeDays: num(totals.active_days) },
    previous: period.previous
      ? { ...readTotals(totals, "prev_"), activeDays: num(totals.prev_active_days) }
      : null,
    days: [...days.values()],
    models: modelRows.map((row) => ({
      model: String(row.model),
      provider: row.provider as Provider,
      ...readTotals(row),
    })),
    machines: machineRows.map((m) => ({
      name: String(m.name),
      lastUploadAt: m.last_upload_at ? new Date(m.last_upload_at as string) : null,
      activeDays: num(m.active_days),
      cost: num(m.cost),
    })),
  };
}

/** The person page's activity calendar (the usage API does not send it). */
export async function getPersonCalendar(scope: Scope, userId: number): Promise<PersonCalendar> {
  const db = await getDb();
  const to = scope.period.to;
  const from = addDays(to, -364);
  const rows = await queryRows<{ date: string; cost: string }>(
    db,
    sql`select date::text as date, sum(cost) as cost
        from model_usage where user_id = ${userId} and date between ${from} and ${to}${providerFilter(scope)}
        group by date`,
  );
  return { from, to, days: rows.map((d) => ({ date: String(d.date), cost: num(d.cost) })) };
}
