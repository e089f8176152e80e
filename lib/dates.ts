// Calendar dates as "YYYY-MM-DD" strings. Plain day arithmetic (proleptic Gregorian, H. Hinnant's
// days_from_civil/civil_from_days) rather than Date objects: no timezone or DST can shift a day, and
// pages that walk a year of days do it without building hundreds of Dates (which Next wraps on the server).
// No dependencies: client components (the activity calendar) use these too.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export function toDayNumber(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [m, d] = [Number(match[2]), Number(match[3])];
  const y = Number(match[1]) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The "YYYY-MM-DD" date of a day number (days since 1970-01-01). */
export function fromDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD (not 2025-02-30, which would roll over). */
export const isCalendarDate = (text: string) => DATE.test(text) && fromDayNumber(toDayNumber(text)) === text;

export const addDays = (date: string, days: number) => fromDayNumber(toDayNumber(date) + days);
/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) => toDayNumber(to) - toDayNumber(from) + 1;

/** Every date from `from` to `to` inclusive: the x-axis of a gap-filled series. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = toDayNumber(from), last = toDayNumber(to); day <= last; day++) days.push(fromDayNumber(day));
  return days;
}
