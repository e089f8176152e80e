import { sql } from "drizzle-orm";
import type { Scope } from "@/lib/stats/scope";
import { eachDay } from "@/lib/dates";
import type { ActivityTotals } from "@/lib/stats/types";
import { sumActivity } from "@/lib/stats/activity";
import { getDb } from "../index";
import { telemetryActivity, telemetryEvents, usageStats } from "../schema";
import { selectRows } from "../sql";
import { memberFilter } from "./scope";
import { activityColumns, activitySums, readActivity } from "./activity";

export interface AdoptionDay extends ActivityTotals {
  date: string;
  /** People with any usage that day (uploads or telemetry). */
  activePeople: number;
  /** People whose Claude Code sent telemetry activity that day. */
  telemetryPeople: number;
}

export interface Adoption {
  activePeople: number;
  activity: ActivityTotals;
  days: AdoptionDay[];
  /** People with usage per week (Monday to Sunday), by the week's Monday. */
  weeks: { week: string; activePeople: number }[];
  /** Claude Code versions that sent API requests in the period (while raw events are kept). */
  versions: { version: string; people: number; requests: number }[];
}

/** How the team uses Claude Code over the period: active people per day and week, activity, versions. */
export async function getAdoption(scope: Scope): Promise<Adoption> {
  const db = await getDb();
  const { from, to } = scope.period;
  const members = memberFilter(scope);
  const [days, weeks, versions, [{ n }]] = await Promise.all([
    selectRows(
      db,
      { date: "text", active_people: "number", telemetry_people: "number", ...activityColumns() },
      sql`with people as (
            select date, count(*) as n from ${usageStats} where date between ${from} and ${to}${members} group by date),
          activity as (
            select date, count(distinct user_id) as telemetry_people, ${activitySums()}
            from ${telemetryActivity} where date between ${from} and ${to}${members} group by date)
          select coalesce(p.date, a.date)::text as date, coalesce(p.n, 0) as active_people,
            coalesce(a.telemetry_people, 0) as telemetry_people, a.*
          from people p full join activity a on a.date = p.date
          order by 1`,
    ),
    selectRows(
      db,
      { week: "text", active_people: "number" },
      sql`select date_trunc('week', date)::date::text as week, count(distinct user_id) as active_people
          from ${usageStats} where date between ${from} and ${to}${members} group by 1 order by 1`,
    ),
    selectRows(
      db,
      { version: "text", people: "number", requests: "number" },
      sql`select coalesce(version, 'unknown') as version, count(distinct user_id) as people, count(*) as requests
          from ${telemetryEvents} where user_id is not null and date between ${from} and ${to}${members}
          group by 1 order by 1 desc`,
    ),
    selectRows(
      db,
      { n: "number" },
      sql`select count(distinct user_id) as n from ${usageStats} where date between ${from} and ${to}${members}`,
    ),
  ]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const filled = eachDay(from, to).map((date) => {
    const d = byDate.get(date);
    return {
      date,
      activePeople: d?.active_people ?? 0,
      telemetryPeople: d?.telemetry_people ?? 0,
      ...(d ? readActivity(d) : sumActivity([])),
    };
  });
  return {
    activePeople: n,
    activity: sumActivity(filled),
    days: filled,
    weeks: weeks.map((w) => ({ week: w.week, activePeople: w.active_people })),
    versions,
  };
}
