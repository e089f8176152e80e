import type { CsvColumn } from "@/lib/csv";
import { ACTIVITY_METRICS } from "@/lib/otel/telemetry";
import type { ActivityTotals } from "./types";

/** The totals of several days' activity. */
export function sumActivity(days: readonly ActivityTotals[]): ActivityTotals {
  return Object.fromEntries(
    ACTIVITY_METRICS.map((m) => [m, days.reduce((n, d) => n + d[m], 0)]),
  ) as ActivityTotals;
}

/** Whether any telemetry activity was recorded at all. */
export const hasActivity = (a: ActivityTotals) => ACTIVITY_METRICS.some((m) => a[m] > 0);

/** Share of Claude's proposed edits that were accepted; null without any decision. */
export function acceptRate(a: ActivityTotals): number | null {
  const decided = a.edits_accepted + a.edits_rejected;
  return decided === 0 ? null : a.edits_accepted / decided;
}

export const activeHours = (a: Pick<ActivityTotals, "active_seconds">) => a.active_seconds / 3600;

/** The telemetry columns a CSV export carries after its usage columns. */
export function activityCsvColumns<T extends { activity: ActivityTotals }>(): CsvColumn<T>[] {
  return ACTIVITY_METRICS.map((m): CsvColumn<T> => [m, (r) => r.activity[m]]);
}
