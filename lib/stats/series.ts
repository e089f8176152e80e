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

/** How many keys a stacked chart names; the rest are summed as OTHER. */
export const STACK_KEYS = 8;
export const OTHER = "Other";

type KeyedValue = { date: string; key: string; value: number };

/** Keys ordered by the total of their rows, largest first (ties in order of appearance). */
export function keysByTotal(rows: readonly KeyedValue[]): string[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.value);
  return [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
}

/** The keys a stacked chart shows, from keys ordered largest first: the top STACK_KEYS, then OTHER. */
export function stackKeys(ordered: readonly string[]): string[] {
  const named = ordered.filter((k) => k !== OTHER);
  const rest = named.length > STACK_KEYS || named.length < ordered.length;
  return rest ? [...named.slice(0, STACK_KEYS), OTHER] : named;
}

/** The daily series of `rows` under `keys`: rows of a key not shown count as OTHER; gap-filled. */
export function stackDaily(from: string, to: string, keys: readonly string[], rows: readonly KeyedValue[]) {
  const shown = new Set(keys);
  return fillDaily(
    from,
    to,
    keys,
    rows.map((r) => (shown.has(r.key) ? r : { ...r, key: OTHER })),
  );
}
