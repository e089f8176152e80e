import { sql, type SQL } from "drizzle-orm";
import { ACTIVITY_METRICS } from "@/lib/otel/telemetry";
import type { ActivityTotals } from "@/lib/stats/types";
import type { Columns, RowOf } from "../sql";

// Telemetry's activity (telemetry_activity rows: a metric's value per machine and day) as columns: one
// `sum(value) filter (where metric = …)` per metric, and how a statement's row declares and reads them.

/** `<prefix>sessions, <prefix>active_seconds, …`: the activity sums of telemetry_activity rows. */
export function activitySums(prefix = ""): SQL {
  return sql.raw(
    ACTIVITY_METRICS.map(
      (m) => `coalesce(sum(value) filter (where metric = '${m}'), 0) as ${prefix}${m}`,
    ).join(", "),
  );
}

/** Sums the activity columns `activitySums(from)` named over an outer query's rows. */
export function resumActivity(from: string, to: string): SQL {
  return sql.raw(ACTIVITY_METRICS.map((m) => `coalesce(sum(${from}${m}), 0) as ${to}${m}`).join(", "));
}

type ActivityColumns<P extends string> = Record<`${P}${(typeof ACTIVITY_METRICS)[number]}`, "number">;

export function activityColumns<P extends string = "">(prefix: P = "" as P): ActivityColumns<P> {
  return Object.fromEntries(ACTIVITY_METRICS.map((m) => [`${prefix}${m}`, "number"])) as ActivityColumns<P>;
}

export function readActivity<P extends string = "">(
  row: RowOf<ActivityColumns<P> & Columns>,
  prefix: P = "" as P,
): ActivityTotals {
  return Object.fromEntries(
    ACTIVITY_METRICS.map((m) => [m, (row as Record<string, number>)[`${prefix}${m}`] ?? 0]),
  ) as ActivityTotals;
}
