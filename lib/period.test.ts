import { describe, expect, it } from "vitest";
import { customRange, MAX_CUSTOM_DAYS, resolvePeriod, splitSpan, todayIn, type DataBounds } from "./period";
import { addDays, daysBetween, eachDay, fromDayNumber, toDayNumber } from "./dates";
import { parseStatsQuery } from "./stats/query";

describe("periods", () => {
  const today = "2026-03-15";

  it.each([
    ["today", "2026-03-15", "2026-03-15", { from: "2026-03-14", to: "2026-03-14" }],
    ["7d", "2026-03-09", "2026-03-15", { from: "2026-03-02", to: "2026-03-08" }],
    ["30d", "2026-02-14", "2026-03-15", { from: "2026-01-15", to: "2026-02-13" }],
    ["90d", "2025-12-16", "2026-03-15", { from: "2025-09-17", to: "2025-12-15" }],
    ["this-month", "2026-03-01", "2026-03-15", { from: "2026-02-14", to: "2026-02-28" }],
    ["last-month", "2026-02-01", "2026-02-28", { from: "2026-01-04", to: "2026-01-31" }],
    ["this-year", "2026-01-01", "2026-03-15", { from: "2025-10-19", to: "2025-12-31" }],
  ] as const)("%s runs from %s to %s, after the same length before it", (range, from, to, previous) => {
    const period = resolvePeriod({ range }, { today });
    expect(period).toMatchObject({ from, to, previous });
    expect(daysBetween(period.previous!.from, period.previous!.to)).toBe(period.days);
  });

  it("all time starts at the first usage and has no previous period", () => {
    expect(resolvePeriod({ range: "all" }, { today, earliest: "2025-01-02" })).toMatchObject({
      from: "2025-01-02",
      to: today,
      previous: null,
    });
    expect(resolvePeriod({ range: "all" }, { today, earliest: null })).toMatchObject({
      from: today,
      to: today,
    });
  });

  it("last month over a year boundary, and leap days", () => {
    expect(resolvePeriod({ range: "last-month" }, { today: "2026-01-10" })).toMatchObject({
      from: "2025-12-01",
      to: "2025-12-31",
    });
    expect(resolvePeriod({ range: "last-month" }, { today: "2024-03-31" })).toMatchObject({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(eachDay("2024-02-27", "2024-03-01")).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });

  it("counts today in the team's timezone", () => {
    const now = new Date("2026-03-15T23:30:00Z");
    expect(todayIn("UTC", now)).toBe("2026-03-15");
    expect(todayIn("Asia/Tokyo", now)).toBe("2026-03-16");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-03-15");
    expect(todayIn("Pacific/Kiritimati", new Date("2026-03-15T10:00:00Z"))).toBe("2026-03-16");
  });
});

describe("the shared stats query", () => {
  it("has defaults", () => {
    expect(parseStatsQuery(new URLSearchParams())).toEqual({
      range: "30d",
      provider: "all",
      sort: "cost",
      limit: 100,
      format: "json",
      tokens: "all",
    });
  });

  it("links to data that spans more than a custom range can hold by its latest days", () => {
    expect(customRange("2003-01-02", "2003-01-05")).toEqual({
      range: "custom",
      from: "2003-01-02",
      to: "2003-01-05",
    });
    const long = customRange("2000-01-01", "2030-01-01");
    expect(long.from).toBe(addDays("2030-01-01", 1 - MAX_CUSTOM_DAYS));
    expect(parseStatsQuery(long)).toMatchObject(long);
  });

  it("takes the pages' chart options and names a bad one", () => {
    expect(parseStatsQuery({ compare: "previous", tokens: "no-cache-reads", refresh: "5m" })).toMatchObject({
      compare: "previous",
      tokens: "no-cache-reads",
      refresh: "5m",
    });
    expect(() => parseStatsQuery({ compare: "last-year", refresh: "2m" })).toThrow(
      /compare must be "previous".*refresh must be one of 1m, 5m, 15m/,
    );
  });

  it("treats from/to as a custom range and checks them", () => {
    expect(parseStatsQuery({ from: "2025-01-01", to: "2025-01-31" })).toMatchObject({
      range: "custom",
      from: "2025-01-01",
      to: "2025-01-31",
    });
    const fail = (params: Record<string, string>) => {
      try {
        parseStatsQuery(params);
      } catch (error) {
        return (error as { status: number; message: string }).message;
      }
      throw new Error("expected a rejection");
    };
    expect(fail({ range: "custom", from: "2025-01-01" })).toBe(
      "Invalid parameters: to is required for a custom range.",
    );
    expect(fail({ from: "2025-02-01", to: "2025-01-01" })).toContain("from must not be after to");
    expect(fail({ from: "2025-02-30", to: "2025-03-01" })).toContain("from is not a real calendar date");
    expect(fail({ range: "7d", from: "2025-01-01" })).toContain("from/to go with range=custom only");
    expect(fail({ range: "week" })).toContain("range must be one of");
    expect(fail({ limit: "0", provider: "aws" })).toMatch(
      /provider must be "all" or "claude".*limit must be at least 1/,
    );
  });
});

describe("splitting a span into whole buckets and leftover days", () => {
  const data = { earliest: "2025-11-20", latest: "2026-11-22" };
  const show = (span: { from: string; to: string }, bounds: DataBounds = data, largest?: "month") => {
    const split = splitSpan(span, bounds, largest);
    return {
      buckets: split.buckets.map((b) => `${b.kind} ${b.from}..${b.to}`),
      days: split.days.map((d) => `${d.from}..${d.to}`),
      ...(split.minusDays.length > 0 && { minus: split.minusDays.map((d) => `${d.from}..${d.to}`) }),
    };
  };

  it("reads all time as whole years and this month as one month", () => {
    expect(show({ from: "2025-11-20", to: "2026-11-22" })).toEqual({
      buckets: ["year 2025-01-01..2025-12-31", "year 2026-01-01..2026-12-31"],
      days: [],
    });
    expect(show({ from: "2026-11-01", to: "2026-11-22" })).toEqual({
      buckets: ["month 2026-11-01..2026-11-30"],
      days: [],
    });
  });

  it("reads whole months instead of years when asked, for sums per month", () => {
    expect(show({ from: "2025-11-20", to: "2026-02-10" }, data, "month")).toEqual({
      buckets: [
        "month 2025-11-01..2025-11-30",
        "month 2025-12-01..2025-12-31",
        "month 2026-01-01..2026-01-31",
        "week 2026-02-01..2026-02-07",
      ],
      days: ["2026-02-08..2026-02-10"],
    });
  });

  it("uses months and month-aligned weeks inside partly covered years, then days", () => {
    // 30 days to 2026-11-22 and the 30 days before them.
    expect(show({ from: "2026-10-24", to: "2026-11-22" })).toEqual({
      buckets: ["week 2026-10-22..2026-10-28", "week 2026-10-29..2026-10-31", "month 2026-11-01..2026-11-30"],
      days: [],
      minus: ["2026-10-22..2026-10-23"],
    });
    expect(show({ from: "2026-09-24", to: "2026-10-23" })).toEqual({
      buckets: [
        "week 2026-09-22..2026-09-28",
        "week 2026-09-29..2026-09-30",
        "week 2026-10-01..2026-10-07",
        "week 2026-10-08..2026-10-14",
        "week 2026-10-15..2026-10-21",
      ],
      days: ["2026-10-22..2026-10-23"],
      minus: ["2026-09-22..2026-09-23"],
    });
    expect(show({ from: "2026-01-30", to: "2026-02-03" })).toEqual({
      buckets: [],
      days: ["2026-01-30..2026-02-03"],
    });
  });

  it("reads a nearly covered bucket whole less its uncovered days only when that is fewer rows", () => {
    // A month less its first two days: two rows, not four weeks and five days.
    expect(show({ from: "2026-10-03", to: "2026-10-31" })).toEqual({
      buckets: ["month 2026-10-01..2026-10-31"],
      days: [],
      minus: ["2026-10-01..2026-10-02"],
    });
    // Only days that can hold usage count: the data starts on 2025-11-20, so November less one day.
    expect(show({ from: "2025-11-21", to: "2025-11-30" })).toEqual({
      buckets: ["month 2025-11-01..2025-11-30"],
      days: [],
      minus: ["2025-11-20..2025-11-20"],
    });
    // A tie (a three-day week less one day, or its two days) reads the days.
    expect(show({ from: "2026-01-30", to: "2026-01-31" }).days).toEqual(["2026-01-30..2026-01-31"]);
  });

  it("counts every day of any span within the data exactly once", () => {
    const bounds = { earliest: "2024-02-10", latest: "2026-03-20" };
    const first = toDayNumber(bounds.earliest);
    const last = toDayNumber(bounds.latest);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i++) {
      const a = first - 40 + Math.floor(next() * (last - first + 80));
      const b = a + Math.floor(next() * (next() < 0.5 ? 40 : 800));
      const span = { from: fromDayNumber(a), to: fromDayNumber(b) };
      for (const largest of ["year", "month"] as const) {
        const split = splitSpan(span, bounds, largest);
        const count = new Map<string, number>();
        const add = (from: string, to: string, by: number) => {
          for (const day of eachDay(from, to))
            if (day >= bounds.earliest && day <= bounds.latest) count.set(day, (count.get(day) ?? 0) + by);
        };
        for (const bucket of split.buckets) add(bucket.from, bucket.to, 1);
        for (const d of split.days) add(d.from, d.to, 1);
        for (const d of split.minusDays) add(d.from, d.to, -1);
        if (largest === "month") expect(split.buckets.some((x) => x.kind === "year")).toBe(false);
        for (const day of eachDay(fromDayNumber(first), fromDayNumber(last))) {
          const inSpan = day >= span.from && day <= span.to ? 1 : 0;
          expect(count.get(day) ?? 0, `${day} in ${span.from}..${span.to} (${largest})`).toBe(inSpan);
        }
      }
    }
  });

  it("handles February, leap days, year ends and spans outside the data", () => {
    const leap = { earliest: "2023-01-01", latest: "2024-12-31" };
    expect(show({ from: "2024-02-01", to: "2024-02-29" }, leap).buckets).toEqual([
      "month 2024-02-01..2024-02-29",
    ]);
    expect(show({ from: "2024-02-01", to: "2024-02-28" }, leap)).toEqual({
      buckets: ["month 2024-02-01..2024-02-29"],
      days: [],
      minus: ["2024-02-29..2024-02-29"],
    });
    expect(show({ from: "2023-12-15", to: "2024-01-31" }, leap)).toEqual({
      buckets: [
        "week 2023-12-15..2023-12-21",
        "week 2023-12-22..2023-12-28",
        "week 2023-12-29..2023-12-31",
        "month 2024-01-01..2024-01-31",
      ],
      days: [],
    });
    expect(show({ from: "2030-01-01", to: "2030-12-31" }, leap)).toEqual({ buckets: [], days: [] });
    expect(show({ from: "2024-01-01", to: "2024-12-31" }, { earliest: null, latest: null })).toEqual({
      buckets: [],
      days: [],
    });
  });
});
