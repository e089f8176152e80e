import { describe, expect, it } from "vitest";
import { eachDay } from "@/lib/dates";
import {
  autoBucket,
  barsOf,
  bucketLabel,
  bucketPoints,
  bucketStart,
  bucketTitle,
  PREVIOUS,
  spansYears,
  withPrevious,
} from "./buckets";
import { niceStep, niceTicks, stepDecimals } from "./ticks";
import { chartColors, COLORS, OTHER_COLOR } from "./palette";

const daily = (from: string, to: string) =>
  eachDay(from, to).map((date, i): { date: string; values: Record<string, number> } => ({
    date,
    values: { a: 1, b: i % 2 },
  }));

describe("chart buckets", () => {
  it("are days up to two months, weeks up to a year, months beyond", () => {
    expect([1, 30, 62, 63, 365, 371, 372, 429, 3000].map(autoBucket)).toEqual([
      "day",
      "day",
      "day",
      "week",
      "week",
      "week",
      "month",
      "month",
      "month",
    ]);
  });

  it("start on the day, the week's Monday or the month's first", () => {
    expect(bucketStart("2026-12-01", "day")).toBe("2026-12-01");
    expect(bucketStart("2026-12-01", "week")).toBe("2026-11-30"); // a Tuesday
    expect(bucketStart("2026-11-30", "week")).toBe("2026-11-30"); // a Monday
    expect(bucketStart("2026-12-06", "week")).toBe("2026-11-30"); // a Sunday
    expect(bucketStart("2027-01-03", "week")).toBe("2026-12-28"); // across the year
    expect(bucketStart("2026-02-28", "month")).toBe("2026-02-01");
  });

  it("sum every day once, and cut the first and last bucket at the period", () => {
    const points = daily("2026-11-25", "2027-01-05"); // 42 days, Wednesday to Tuesday
    const weeks = bucketPoints(points, "week");
    expect(weeks.map((w) => [w.date, w.last, w.values.a])).toEqual([
      ["2026-11-25", "2026-11-29", 5],
      ["2026-11-30", "2026-12-06", 7],
      ["2026-12-07", "2026-12-13", 7],
      ["2026-12-14", "2026-12-20", 7],
      ["2026-12-21", "2026-12-27", 7],
      ["2026-12-28", "2027-01-03", 7],
      ["2027-01-04", "2027-01-05", 2],
    ]);
    const months = bucketPoints(points, "month");
    expect(months.map((m) => [m.date, m.last, m.values.a])).toEqual([
      ["2026-11-25", "2026-11-30", 6],
      ["2026-12-01", "2026-12-31", 31],
      ["2027-01-01", "2027-01-05", 5],
    ]);
    for (const bucketed of [weeks, months]) {
      for (const key of ["a", "b"])
        expect(bucketed.reduce((n, p) => n + p.values[key], 0)).toBe(
          points.reduce((n, p) => n + p.values[key], 0),
        );
    }
    expect(bucketPoints(points, "day")).toHaveLength(42);
  });

  it("are summed on the server, carrying the previous period when there is one", () => {
    const points = daily("2026-11-25", "2027-01-05");
    const previous = points.map((_, i) => i + 1);
    const compared = barsOf(points, "month", previous);
    expect(compared.previous).toBe(true);
    expect(compared.bars.map((b) => b.values[PREVIOUS])).toEqual([21, 682, 200]); // 1…6, 7…37, 38…42
    expect(compared.bars).toEqual(bucketPoints(withPrevious(points, previous), "month"));
    const plain = barsOf(points, "week");
    expect([plain.bucket, plain.previous]).toEqual(["week", false]);
    expect(plain.bars).toEqual(bucketPoints(points, "week"));
  });

  it("label the axis with the year only when the chart spans years, and name buckets in full", () => {
    const points = daily("2026-11-25", "2027-01-05");
    expect(spansYears(points)).toBe(true);
    expect(spansYears(daily("2026-01-01", "2026-12-31"))).toBe(false);
    expect(bucketLabel("2026-12-07", "day", false)).toBe("12-07");
    expect(bucketLabel("2026-12-07", "week", true)).toBe("2026-12-07");
    expect(bucketLabel("2026-12-01", "month", false)).toBe("Dec");
    expect(bucketLabel("2026-12-01", "month", true)).toBe("Dec 2026");
    const [first, december] = bucketPoints(points, "month");
    expect(bucketTitle(first, "month")).toBe("2026-11-25 to 2026-11-30");
    expect(bucketTitle(december, "month")).toBe("Dec 2026");
    expect(bucketTitle(bucketPoints(points, "week")[1], "week")).toBe("2026-11-30 to 2026-12-06");
    expect(bucketTitle(points[0] as never, "day")).toBe("2026-11-25");
  });
});

describe("axis ticks", () => {
  it("step by 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0.3, 0.35, 0.8, 7, 28, 30, 95, 1234, 2_600_000].map((max) => niceStep(max))).toEqual([
      0.1, 0.1, 0.2, 2, 10, 10, 25, 500, 1_000_000,
    ]);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });

  it("start at 0 and reach the largest value, every label different", () => {
    expect(niceTicks(28)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(0.35)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(95)).toEqual([0, 25, 50, 75, 100]);
    for (const max of [0.0042, 0.35, 1.2, 17, 999, 123_456]) {
      const ticks = niceTicks(max);
      const decimals = stepDecimals(niceStep(max));
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(new Set(ticks.map((t) => t.toFixed(decimals))).size).toBe(ticks.length);
    }
  });

  it("show as many decimals as the step needs", () => {
    expect([1, 10, 2.5, 0.25, 0.1, 0.0005].map(stepDecimals)).toEqual([0, 0, 1, 2, 1, 4]);
  });
});

describe("chartColors", () => {
  it("gives a key the same colour whatever else the chart holds", () => {
    const alone = chartColors(["alice"]).alice;
    expect(chartColors(["alice", "bob"]).alice).toBe(alone);
    // Second in a chart, it keeps its colour unless the first key owns that colour.
    for (const other of ["bob", "carol", "dave", "erin", "frank"]) {
      const clash = chartColors([other])[other] === alone;
      expect(chartColors([other, "alice"]).alice === alone).toBe(!clash);
    }
  });

  it("never gives two keys of one chart the same colour while colours last", () => {
    const keys = Array.from({ length: COLORS.length }, (_, i) => `person-${i}`);
    const colors = chartColors(keys);
    expect(new Set(Object.values(colors)).size).toBe(COLORS.length);
    // The first key always keeps its own colour; later ones move on only when theirs is taken.
    expect(colors[keys[0]]).toBe(chartColors([keys[0]])[keys[0]]);
  });

  it("keeps Other grey", () => {
    expect(chartColors(["alice", "Other"]).Other).toBe(OTHER_COLOR);
  });
});

describe("withPrevious", () => {
  it("lays the previous period's days on this period's, summed per bucket with the rest", () => {
    const points = daily("2025-03-03", "2025-03-16");
    const previous = points.map((_, i) => i + 1);
    const weeks = bucketPoints(withPrevious(points, previous), "week");
    expect(weeks.map((w) => w.values[PREVIOUS])).toEqual([28, 77]);
    expect(weeks.map((w) => w.values.a)).toEqual([7, 7]);
    expect(withPrevious(points, null)[0].values).not.toHaveProperty(PREVIOUS);
  });
});
