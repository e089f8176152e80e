import { eq, max, min, sql } from "drizzle-orm";
import { calendarSpan } from "@/lib/charts/calendar";
import type { Provider } from "@/lib/provider";
import { scanRange, type Scope } from "@/lib/stats/scope";
import type { ModelTotals, PersonCalendar, PersonDay, PersonUsage } from "@/lib/stats/types";
import { addTotals, emptyTotals } from "@/lib/usage";
import { modelTotals } from "@/lib/stats/models";
import { getDb } from "../index";
import { machines, modelUsage, telemetryActivity, usageStats } from "../schema";
import { sumActivity } from "@/lib/stats/activity";
import { activityColumns, activitySums, readActivity } from "./activity";
import { dateArray, selectRows } from "../sql";
import { eachDay } from "@/lib/dates";
import { providerFilter } from "./scope";
import { readTotals, sumColumns, usageSums } from "./sums";

export async function getPersonUsage(scope: Scope, userId: number): Promise<PersonUsage> {
  const db = await getDb();
  const { period } = scope;
  const scan = scanRange(scope);
  const filter = providerFilter(scope);
  const current = sql`date >= ${period.from}`;
  const previous = sql`date < ${period.from}`;
  const modelColumns = { model: "text", provider: "text", ...sumColumns() } as const;

  const [[totals], byModel, modelRows, machineRows, activityRows] = await Promise.all([
    selectRows(
      db,
      { ...sumColumns(), ...sumColumns("prev_"), active_days: "number", prev_active_days: "number" },
      sql`select ${usageSums("", current)}, ${usageSums("prev_", previous)},
            count(distinct date) filter (where ${current}) as active_days,
            count(distinct date) filter (where ${previous}) as prev_active_days
          from ${modelUsage} where user_id = ${userId} and date between ${scan.from} and ${scan.to}${filter}`,
    ),
    selectRows(
      db,
      { date: "text", ...modelColumns },
      sql`select date::text as date, model, min(provider::text) as provider, ${usageSums()}
          from ${modelUsage} where user_id = ${userId} and date between ${period.from} and ${period.to}${filter}
          group by date, model order by date, cost desc`,
    ),
    selectRows(
      db,
      modelColumns,
      sql`select model, min(provider::text) as provider, ${usageSums()}
          from ${modelUsage} where user_id = ${userId} and date between ${period.from} and ${period.to}${filter}
          group by model order by cost desc, model`,
    ),
    // Each machine's part of the days as counted (its telemetry, or its uploads on days without any) and
    // priced, as the person's totals are. The days go as one array parameter, not a sub-select, so that
    // PostgreSQL inlines effective_usage here instead of planning its body anew at every call.
    selectRows(
      db,
      {
        name: "text",
        last_upload_at: "timeOrNull",
        last_telemetry_at: "timeOrNull",
        active_days: "number",
        cost: "number",
        priced_cost: "number",
        unpriced_tokens: "number",
      },
      sql`select m.name, m.last_upload_at, m.last_telemetry_at, count(distinct u.date) as active_days,
            coalesce(sum(u.cost), 0) as cost, coalesce(sum(u.priced_cost), 0) as priced_cost,
            coalesce(sum(u.unpriced_tokens), 0) as unpriced_tokens
          from ${machines} m
          left join effective_usage(${userId}, ${dateArray(eachDay(period.from, period.to))}) u
            on u.machine_id = m.id${providerFilter(scope, sql`u.provider`)}
          where m.user_id = ${userId}
          group by m.id order by greatest(m.last_upload_at, m.last_telemetry_at) desc nulls last, m.name`,
    ),
    selectRows(
      db,
      { date: "text", ...activityColumns() },
      sql`select date::text as date, ${activitySums()} from ${telemetryActivity}
          where user_id = ${userId} and date between ${period.from} and ${period.to}
          group by date order by date`,
    ),
  ]);

  const modelOf = (row: (typeof modelRows)[number]): ModelTotals =>
    modelTotals(row.model, row.provider as Provider, readTotals(row));
  const days = new Map<string, PersonDay>();
  for (const row of byModel) {
    const model = modelOf(row);
    const day = days.get(row.date) ?? { date: row.date, models: [], ...emptyTotals() };
    day.models.push(model);
    addTotals(day, model);
    days.set(row.date, day);
  }
  return {
    totals: { ...readTotals(totals), activeDays: totals.active_days },
    previous: period.previous
      ? { ...readTotals(totals, "prev_"), activeDays: totals.prev_active_days }
      : null,
    days: [...days.values()],
    models: modelRows.map(modelOf),
    machines: machineRows.map((m) => ({
      name: m.name,
      lastUploadAt: m.last_upload_at,
      lastTelemetryAt: m.last_telemetry_at,
      activeDays: m.active_days,
      cost: m.cost,
      pricedCost: m.priced_cost,
      unpricedTokens: m.unpriced_tokens,
    })),
    activity: sumActivity(activityRows.map((r) => readActivity(r))),
    activityDays: activityRows.map((r) => ({ date: r.date, ...readActivity(r) })),
  };
}

/** The person page's activity calendar (the usage API does not send it), with the person's usage bounds. */
export async function getPersonCalendar(scope: Scope, userId: number): Promise<PersonCalendar> {
  const db = await getDb();
  // Both at once: the days of the longest span the calendar may show, cut to the person's first day after.
  const longest = calendarSpan(scope.period, null);
  const [[data], days] = await Promise.all([
    db
      .select({ earliest: min(usageStats.date), latest: max(usageStats.date) })
      .from(usageStats)
      .where(eq(usageStats.userId, userId)),
    selectRows(
      db,
      { date: "text", cost: "number" },
      sql`select date::text as date, sum(cost) as cost
          from ${modelUsage} where user_id = ${userId} and date between ${longest.from} and ${longest.to}${providerFilter(scope)}
          group by date order by date`,
    ),
  ]);
  const { from, to } = calendarSpan(scope.period, data.earliest);
  return { from, to, days: days.filter((d) => d.date >= from), data };
}
