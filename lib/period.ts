import { z } from "zod";
import { addDays, daysBetween, isCalendarDate } from "./dates";

/** The longest custom range a query takes. */
export const MAX_CUSTOM_DAYS = 3660;

/** A custom range's URL parameters for the days from `from` to `to`, cut to the latest MAX_CUSTOM_DAYS. */
export function customRange(from: string, to: string) {
  const earliest = addDays(to, 1 - MAX_CUSTOM_DAYS);
  return { range: "custom", from: from < earliest ? earliest : from, to };
}

// Periods are ranges of calendar dates (YYYY-MM-DD, inclusive). Usage dates are the uploader's local
// days, so they are compared as plain dates; only "today" depends on a timezone: the team's.

export const RANGES = [
  "today",
  "7d",
  "30d",
  "this-month",
  "last-month",
  "90d",
  "this-year",
  "all",
  "custom",
] as const;
export type Range = (typeof RANGES)[number];

export const RANGE_LABELS: Record<Range, string> = {
  today: "Today",
  "7d": "7 days",
  "30d": "30 days",
  "this-month": "This month",
  "last-month": "Last month",
  "90d": "90 days",
  "this-year": "This year",
  all: "All time",
  custom: "Custom",
};

export interface DateSpan {
  from: string;
  to: string;
}

export interface Period extends DateSpan {
  range: Range;
  /** Number of days in the period. */
  days: number;
  /** The period of the same length just before this one; null for all time. */
  previous: DateSpan | null;
}

/** A real calendar date as YYYY-MM-DD (no 2025-02-30): the one check every date input goes through. */
export const calendarDateSchema = z
  .string("must be a date string (YYYY-MM-DD)")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date in the form YYYY-MM-DD")
  .refine(isCalendarDate, "is not a real calendar date");
/** The calendar date it is now in `timeZone` (an IANA name such as "Europe/Berlin"). */
export function todayIn(timeZone: string, now = new Date()): string {
  return dayFormat(timeZone).format(now);
}

// Building a formatter for a time zone costs a few hundred microseconds; every request needs one for
// the team's zone, so each zone's is built once.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves a range (or a custom from/to) against today in the team's timezone. `earliest` is the first
 * date with any usage, where "all time" starts.
 */
export function resolvePeriod(
  query: { range: Range; from?: string; to?: string },
  context: { today: string; earliest?: string | null },
): Period {
  const { today } = context;
  const span = (from: string, to: string, range: Range): Period => {
    const days = daysBetween(from, to);
    const previous = range === "all" ? null : { from: addDays(from, -days), to: addDays(from, -1) };
    return { range, from, to, days, previous };
  };
  const month = today.slice(0, 7);
  switch (query.range) {
    case "today":
      return span(today, today, "today");
    case "7d":
      return span(addDays(today, -6), today, "7d");
    case "30d":
      return span(addDays(today, -29), today, "30d");
    case "90d":
      return span(addDays(today, -89), today, "90d");
    case "this-month":
      return span(`${month}-01`, today, "this-month");
    case "last-month": {
      const lastDay = addDays(`${month}-01`, -1);
      return span(`${lastDay.slice(0, 7)}-01`, lastDay, "last-month");
    }
    case "this-year":
      return span(`${today.slice(0, 4)}-01-01`, today, "this-year");
    case "all": {
      const earliest = context.earliest && context.earliest < today ? context.earliest : today;
      return span(earliest, today, "all");
    }
    case "custom":
      return span(query.from!, query.to!, "custom");
  }
}

/** Where usage exists at all: the earliest and latest usage dates (null when there is none). */
export interface DataBounds {
  earliest: string | null;
  latest: string | null;
}

/** Calendar buckets the rollups keep, largest first; "week" is a month's days 1-7, 8-14, 15-21, 22-28, 29-end. */
export type BucketKind = "year" | "month" | "week";
export interface Bucket extends DateSpan {
  kind: BucketKind;
}

/**
 * A span as whole buckets plus the leftover days, less the days of those buckets the span does not
 * cover (`minusDays`, to subtract): the span's sum is the buckets' plus the days' minus those days'.
 */
export interface SpanSplit {
  buckets: Bucket[];
  days: DateSpan[];
  minusDays: DateSpan[];
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
const nextMonth = (date: string) => {
  const [y, m] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
};

/** The first day of the `kind` bucket that `date` falls in. */
export function bucketStart(kind: BucketKind, date: string): string {
  if (kind === "year") return `${date.slice(0, 4)}-01-01`;
  if (kind === "month") return `${date.slice(0, 7)}-01`;
  const day = Math.floor((Number(date.slice(8)) - 1) / 7) * 7 + 1;
  return `${date.slice(0, 8)}${String(day).padStart(2, "0")}`;
}

/** The buckets of `kind` that overlap [from, to]. */
function bucketsOver(kind: BucketKind, from: string, to: string): Bucket[] {
  const buckets: Bucket[] = [];
  let start = bucketStart(kind, from);
  while (start <= to) {
    const monthEnd = addDays(nextMonth(start), -1);
    const end =
      kind === "year"
        ? `${start.slice(0, 4)}-12-31`
        : kind === "month" || start.endsWith("-29")
          ? monthEnd
          : addDays(start, 6);
    buckets.push({ kind, from: start, to: end });
    start = addDays(end, 1);
  }
  return buckets;
}

const FINER: Record<BucketKind, BucketKind | null> = { year: "month", month: "week", week: null };

/** Rows a split reads per person: one per bucket and one per day. */
const rowsOf = (split: SpanSplit) =>
  split.buckets.length +
  [...split.days, ...split.minusDays].reduce((n, d) => n + daysBetween(d.from, d.to), 0);

/** Appends a span of days, joining it to the last one when they touch. */
function addSpan(spans: DateSpan[], span: DateSpan) {
  const last = spans.at(-1);
  if (last && addDays(last.to, 1) === span.from) last.to = span.to;
  else spans.push({ ...span });
}

/**
 * Splits a span for reading the rollups: whole years, then whole months and weeks of the partly
 * covered years and months, then the leftover days. A bucket is whole when the span covers every day of
 * it that can hold usage (within `data`), so "all time" reads only year rows and "this month" only one
 * month row. A partly covered bucket is read whole less its uncovered days when that is fewer rows than
 * its covered part in pieces (30 days read four or five rows per person instead of ten). `largest`
 * "month" leaves out years (for per-month sums; a bucket and its subtracted days are in one month).
 */
export function splitSpan(span: DateSpan, data: DataBounds, largest: BucketKind = "year"): SpanSplit {
  const split: SpanSplit = { buckets: [], days: [], minusDays: [] };
  if (!data.earliest || !data.latest) return split;
  const from = later(span.from, data.earliest);
  const to = earlier(span.to, data.latest);
  // [a, b] lies within [from, to]; returns its split.
  const plan = (kind: BucketKind, a: string, b: string): SpanSplit => {
    const part: SpanSplit = { buckets: [], days: [], minusDays: [] };
    for (const bucket of bucketsOver(kind, a, b)) {
      const held = { from: later(bucket.from, data.earliest!), to: earlier(bucket.to, data.latest!) };
      if (from <= held.from && held.to <= to) {
        part.buckets.push(bucket);
        continue;
      }
      const covered = { from: later(bucket.from, a), to: earlier(bucket.to, b) };
      const finer = FINER[kind];
      const pieces = finer
        ? plan(finer, covered.from, covered.to)
        : { buckets: [], days: [covered], minusDays: [] };
      const uncovered = [
        { from: held.from, to: addDays(from, -1) },
        { from: addDays(to, 1), to: held.to },
      ].filter((d) => d.from <= d.to);
      const whole = { buckets: [bucket], days: [], minusDays: uncovered };
      const chosen = rowsOf(whole) < rowsOf(pieces) ? whole : pieces;
      part.buckets.push(...chosen.buckets);
      for (const d of chosen.days) addSpan(part.days, d);
      for (const d of chosen.minusDays) addSpan(part.minusDays, d);
    }
    return part;
  };
  return from <= to ? plan(largest, from, to) : split;
}
