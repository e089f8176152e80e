// The activity calendar's layout: one column per week (Monday first, as ISO weeks), one row per weekday.
// Pure and dependency-free: the server picks the span, the browser lays out the cells.
import { addDays, daysBetween, toDayNumber } from "@/lib/dates";
import type { DateSpan } from "@/lib/period";

/** Three years of weeks: "all time" beyond that shows its latest three years (1,096 cells). */
export const MAX_CALENDAR_DAYS = 1096;

/**
 * The days the calendar shows for a period: the period, starting no earlier than the person's first
 * usage day (years of empty weeks before someone joined say nothing), and at most its latest three years.
 */
export function calendarSpan(period: DateSpan, earliest: string | null): DateSpan {
  let from = period.from;
  if (earliest && earliest > from && earliest <= period.to) from = earliest;
  if (daysBetween(from, period.to) > MAX_CALENDAR_DAYS) from = addDays(period.to, 1 - MAX_CALENDAR_DAYS);
  return { from, to: period.to };
}

/** 0 for Monday to 6 for Sunday (1970-01-01, day 0, was a Thursday). */
export const weekday = (date: string) => (((toDayNumber(date) + 3) % 7) + 7) % 7;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface CalendarCell {
  date: string;
  cost: number;
  /** 0 (no usage) to 4 (the top band). */
  level: number;
}

export interface CalendarLayout {
  /** Blank cells before the first day, so that it sits in its weekday's row. */
  offset: number;
  weeks: number;
  cells: CalendarCell[];
  /** Month names over the column holding the month's first day (or the first column). */
  months: { label: string; column: number }[];
  /** The upper bound of each shaded level, 1 to 4: a quarter of the busiest day, rounded up to two digits. */
  bands: number[];
}

/**
 * A quarter of `max` rounded up to two significant digits: legible bands ($0.75, $2.50, $3.40) that still
 * put the busiest day in the darkest one (a round 1-2-5 step could leave it a band short).
 */
function quarterStep(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const unit = 10 ** (Math.floor(Math.log10(max / 4)) - 1);
  return Number((Math.ceil(Number((max / 4 / unit).toPrecision(12))) * unit).toPrecision(12));
}

/** Lays out `costs`, one per day from `from` to `to`. */
export function calendarLayout(from: string, to: string, costs: number[]): CalendarLayout {
  const offset = weekday(from);
  const days = daysBetween(from, to);
  const step = quarterStep(Math.max(0, ...costs));
  const bands = [1, 2, 3, 4].map((k) => Number((k * step).toPrecision(12)));
  const cells: CalendarCell[] = [];
  const candidates: { label: string; column: number }[] = [];
  const crossesYears = from.slice(0, 4) !== to.slice(0, 4);
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const cost = costs[i] ?? 0;
    // Rounded first: 0.6 / 0.2 is 2.9999999999999996, and a cost on a band's bound belongs to that band.
    const level = cost > 0 ? Math.min(4, Math.ceil(Number((cost / step).toPrecision(12)))) : 0;
    cells.push({ date, cost, level });
    if (i === 0 || date.endsWith("-01")) {
      const month = Number(date.slice(5, 7));
      const label = crossesYears && month === 1 ? `Jan ${date.slice(0, 4)}` : MONTHS[month - 1];
      candidates.push({ label, column: Math.floor((i + offset) / 7) });
    }
  }
  // A month that starts in the last days of the first column's month would print over it: the
  // partial first month gives way, as on GitHub.
  const months = candidates.filter((m, i) => !candidates[i + 1] || candidates[i + 1].column - m.column >= 3);
  return { offset, weeks: Math.ceil((days + offset) / 7), cells, months, bands };
}
