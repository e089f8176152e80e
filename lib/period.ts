import { z } from "zod";

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

const DAY_MS = 86_400_000;

/** A real calendar date as YYYY-MM-DD (no 2025-02-30): the one check every date input goes through. */
export const calendarDateSchema = z
  .string("must be a date string (YYYY-MM-DD)")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date in the form YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date");
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number) => fromMs(toMs(date) + days * DAY_MS);
/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;

/** Every date from `from` to `to` inclusive: the x-axis of a gap-filled series. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY_MS) days.push(fromMs(ms));
  return days;
}

/** The calendar date it is now in `timeZone` (an IANA name such as "Europe/Berlin"). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
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

/** A span as whole calendar months (their first days) plus the leftover days, in date order. */
export interface MonthSplit {
  months: string[];
  days: DateSpan[];
}

const monthEnd = (monthStart: string) => {
  const [y, m] = monthStart.split("-").map(Number);
  return addDays(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), -1);
};
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Splits a span for reading monthly rollups: a month is whole when the span covers every day of it
 * that can hold usage (within `data`), so "all time" and "this month" read no daily rows at all and
 * other spans read daily rows only for the partly covered months at either end.
 */
export function splitByMonth(span: DateSpan, data: DataBounds): MonthSplit {
  const split: MonthSplit = { months: [], days: [] };
  if (!data.earliest || !data.latest) return split;
  const from = later(span.from, data.earliest);
  const to = earlier(span.to, data.latest);
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = addDays(monthEnd(month), 1)) {
    const end = monthEnd(month);
    if (from <= later(month, data.earliest) && earlier(end, data.latest) <= to) {
      split.months.push(month);
      continue;
    }
    const days = { from: later(month, from), to: earlier(end, to) };
    const last = split.days.at(-1);
    if (last && addDays(last.to, 1) === days.from) last.to = days.to;
    else split.days.push(days);
  }
  return split;
}
