import { eachDay } from "@/lib/dates";

/** One point per day; `values` holds one number per series key (0 where there was no usage). */
export interface DailyPoint {
  date: string;
  values: Record<string, number>;
}

/**
 * Gap-fills grouped rows into a continuous daily series: every date in [from, to] appears, with 0 for
 * every key it has no row for, so charts get an unbroken x-axis.
 */
export function fillDaily(
  from: string,
  to: string,
  keys: readonly string[],
  rows: readonly { date: string; key: string; value: number }[],
): DailyPoint[] {
  const byDate = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const values = byDate.get(row.date) ?? {};
    values[row.key] = (values[row.key] ?? 0) + row.value;
    byDate.set(row.date, values);
  }
  return eachDay(from, to).map((date) => {
    const found = byDate.get(date) ?? {};
    return { date, values: Object.fromEntries(keys.map((k) => [k, found[k] ?? 0])) };
  });
}
