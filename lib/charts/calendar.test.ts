import { describe, expect, it } from "vitest";
import { calendarLayout, calendarSpan, MAX_CALENDAR_DAYS, weekday } from "./calendar";
import { daysBetween } from "@/lib/dates";

const zeros = (n: number) => Array.from({ length: n }, () => 0);

describe("activity calendar", () => {
  it("numbers weekdays from Monday", () => {
    expect(["2026-03-02", "2026-03-04", "2026-03-08", "1969-12-29", "1970-01-01"].map(weekday)).toEqual([
      0, 2, 6, 0, 3,
    ]);
  });

  it("shows the period, from the person's first day, at most three years", () => {
    const week = { from: "2026-03-01", to: "2026-03-07" };
    expect(calendarSpan(week, "2020-01-01")).toEqual(week);
    expect(calendarSpan(week, null)).toEqual(week);
    expect(calendarSpan(week, "2026-03-04")).toEqual({ from: "2026-03-04", to: "2026-03-07" });
    // A first day after the period (data only later) leaves the period whole.
    expect(calendarSpan(week, "2026-04-01")).toEqual(week);
    const all = calendarSpan({ from: "2015-06-01", to: "2026-03-07" }, "2015-06-01");
    expect(all.to).toBe("2026-03-07");
    expect(daysBetween(all.from, all.to)).toBe(MAX_CALENDAR_DAYS);
    expect(calendarSpan({ from: "2015-06-01", to: "2026-03-07" }, "2025-12-24").from).toBe("2025-12-24");
  });

  it("puts the first day in its weekday's row, weeks as columns", () => {
    // 2026-03-04 is a Wednesday: two blank cells, then Wed..Sun, then a second column.
    const layout = calendarLayout("2026-03-04", "2026-03-10", zeros(7));
    expect(layout.offset).toBe(2);
    expect(layout.weeks).toBe(2);
    expect(layout.cells.map((c) => c.date)).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(calendarLayout("2026-03-02", "2026-03-08", zeros(7)).weeks).toBe(1);
  });

  it("labels months over the column of their first day, dropping a cramped first month", () => {
    // 2026-01-29 is a Thursday: February starts in the same column, so January gives way.
    expect(calendarLayout("2026-01-29", "2026-04-05", zeros(67)).months).toEqual([
      { label: "Feb", column: 0 },
      { label: "Mar", column: 4 },
      { label: "Apr", column: 9 },
    ]);
    expect(calendarLayout("2026-03-04", "2026-03-10", zeros(7)).months).toEqual([
      { label: "Mar", column: 0 },
    ]);
    // Across a new year, January carries its year.
    const turn = calendarLayout("2025-12-01", "2026-01-31", zeros(62)).months;
    expect(turn.map((m) => m.label)).toEqual(["Dec", "Jan 2026"]);
  });

  it("shades days in four bands of a quarter of the busiest day, rounded up to two digits", () => {
    const layout = calendarLayout("2026-03-02", "2026-03-08", [0, 1, 2, 2.01, 3, 4, 0.5]);
    expect(layout.bands).toEqual([1, 2, 3, 4]);
    expect(layout.cells.map((c) => c.level)).toEqual([0, 1, 2, 3, 3, 4, 1]);
    const uneven = calendarLayout("2026-03-02", "2026-03-03", [3.9, 0.9]);
    expect(uneven.bands).toEqual([0.98, 1.96, 2.94, 3.92]);
    expect(uneven.cells.map((c) => c.level)).toEqual([4, 1]);
    expect(calendarLayout("2026-03-02", "2026-03-02", [13.37]).bands).toEqual([3.4, 6.8, 10.2, 13.6]);
    // A cost on a band's bound is in that band, whatever the floating point says.
    expect(calendarLayout("2026-03-02", "2026-03-03", [0.6, 0.8]).cells.map((c) => c.level)).toEqual([3, 4]);
    expect(calendarLayout("2026-03-02", "2026-03-03", [0, 0]).cells.map((c) => c.level)).toEqual([0, 0]);
  });
});
