import { addDays } from "@/lib/dates";

// A chart's bars: one per day for short periods, per week or month for long ones, so "all time" is a
// readable few dozen bars, not 400 slivers. The page picks from the period; `?bucket=` overrides it.

export const BUCKETS = ["day", "week", "month"] as const;
export type Bucket = (typeof BUCKETS)[number];
export const BUCKET_NAMES: Record<Bucket, string> = { day: "Day", week: "Week", month: "Month" };

/** At most this many bars from the automatic choice (a year of weeks is 53). */
const MAX_DAY_BARS = 62;
const MAX_WEEK_BARS = 53;

/** The bucket for a period of `days` days: days up to two months, weeks up to a year, then months. */
export function autoBucket(days: number): Bucket {
  if (days <= MAX_DAY_BARS) return "day";
  return days <= MAX_WEEK_BARS * 7 ? "week" : "month";
}

/** The first day of the bucket `date` falls in: itself, its week's Monday, or the 1st of its month. */
export function bucketStart(date: string, bucket: Bucket): string {
  if (bucket === "day") return date;
  if (bucket === "month") return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

export interface Point {
  date: string;
  values: Record<string, number>;
}

/** Where a point carries the previous period's total: a key no person or model can have. */
export const PREVIOUS = "\u0000previous";

/** Each day's point with the same day of the previous period (`previous[i]` for point i) under PREVIOUS. */
export function withPrevious<P extends Point>(
  points: readonly P[],
  previous?: readonly number[] | null,
): P[] {
  if (!previous) return [...points];
  return points.map((p, i) => ({ ...p, values: { ...p.values, [PREVIOUS]: previous[i] ?? 0 } }));
}

/** A bucket of days: dated by its first day in the period, `last` its last one. */
export interface BucketPoint extends Point {
  last: string;
}

/** Daily points (consecutive days) summed into buckets; a bucket cut by the period holds only its days. */
export function bucketPoints(points: readonly Point[], bucket: Bucket): BucketPoint[] {
  const out: BucketPoint[] = [];
  let start = "";
  for (const point of points) {
    const s = bucketStart(point.date, bucket);
    let current = out[out.length - 1];
    if (!current || s !== start) {
      start = s;
      current = { date: point.date, last: point.date, values: {} };
      out.push(current);
    }
    current.last = point.date;
    for (const [key, value] of Object.entries(point.values))
      current.values[key] = (current.values[key] ?? 0) + value;
  }
  return out;
}

/**
 * What a bar chart and its data table draw: the period's daily points summed per bucket on the server (so a
 * long period sends a few dozen bars to the browser, not a point per day), each carrying the previous
 * period's total of its days under PREVIOUS when `previous` (that period's cost per day) is given.
 */
export interface Bars {
  bars: BucketPoint[];
  bucket: Bucket;
  /** Whether the bars carry the previous period. */
  previous: boolean;
}

export function barsOf(points: readonly Point[], bucket: Bucket, previous?: readonly number[] | null): Bars {
  return { bars: bucketPoints(withPrevious(points, previous), bucket), bucket, previous: Boolean(previous) };
}

/** A stacked chart's data: its daily points, the keys stacked, and what the keys are called on screen. */
export interface Series {
  points: readonly Point[];
  keys: string[];
  labels?: Record<string, string>;
}

/** A series as its chart and data table take it: its bars (barsOf) with its keys and labels. */
export function chartOf(
  { points, keys, labels }: Series,
  bucket: Bucket,
  previous?: readonly number[] | null,
) {
  return { ...barsOf(points, bucket, previous), keys, labels };
}

/**
 * A bucket's axis label: "03-05" (day), "03-02" (the week's first day), "Mar" (month); with the year
 * when the chart spans more than one ("2025-03-05", "2025-03-02", "Mar 2025").
 */
export function bucketLabel(date: string, bucket: Bucket, spansYears: boolean): string {
  if (bucket === "month") {
    const month = MONTHS[Number(date.slice(5, 7)) - 1];
    return spansYears ? `${month} ${date.slice(0, 4)}` : month;
  }
  return spansYears ? date : date.slice(5);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** What a bucket is called where its full name is wanted (tooltips, the data table). */
export function bucketTitle({ date, last }: BucketPoint, bucket: Bucket): string {
  if (bucket === "day" || last === date) return date;
  const month = `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  // A whole month by its name; a month or week cut by the period by its days.
  if (bucket === "month" && date.endsWith("-01") && addDays(last, 1).endsWith("-01")) return month;
  return `${date} to ${last}`;
}

/** Whether the points' first and last day fall in different years. */
export const spansYears = (points: readonly Point[]) =>
  points.length > 1 && points[0].date.slice(0, 4) !== points[points.length - 1].date.slice(0, 4);
