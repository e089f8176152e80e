import { describe, expect, it } from "vitest";
import { bucketStarts, costTrend, sparkLevels, sparkPath } from "./spark";

describe("spark lines", () => {
  it("have a bucket for every day, Monday week or month the period touches", () => {
    expect(bucketStarts("2026-11-29", "2026-12-01", "day")).toEqual([
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
    ]);
    // Sunday to the next Monday: two weeks, the first starting before the period.
    expect(bucketStarts("2026-11-29", "2026-12-07", "week")).toEqual([
      "2026-11-23",
      "2026-11-30",
      "2026-12-07",
    ]);
    expect(bucketStarts("2026-01-31", "2026-03-01", "month")).toEqual([
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
    ]);
    expect(bucketStarts("2026-12-15", "2027-01-01", "month")).toEqual(["2026-12-01", "2027-01-01"]);
  });

  it("scale to whole levels on a zero baseline", () => {
    expect(sparkLevels([0, 5, 10], 18)).toEqual([0, 9, 18]);
    expect(sparkLevels([0, 0], 18)).toEqual([0, 0]);
    expect(sparkLevels([2, 2], 18)).toEqual([18, 18]);
  });

  it("draw left to right with the highest level at the top, a flat run as one step", () => {
    expect(sparkPath([0, 9, 18], 18)).toBe("M0 18l1 -9l1 -9");
    expect(sparkPath([0, 18, 0, 0, 7, 0, 0, 0], 18)).toBe("M0 18l1 -18l1 18h1l1 -7l1 7h2");
    expect(sparkPath([4], 18)).toBe("M0 14h1");
    expect(sparkPath([], 18)).toBe("");
    expect(sparkPath([0, 0, 0, 0], 2)).toBe("M0 2h3");
    expect(sparkPath([2, 2, 1], 2)).toBe("M0 0h1l1 1");
  });

  it("say the first and last bucket's cost", () => {
    expect(costTrend([1.2, 0, 3.4], "day")).toEqual({
      path: "M0 12l1 6l1 -18",
      width: 2,
      label: "Cost per day: $1.20 → $3.40",
    });
    expect(costTrend([], "week")).toEqual({ path: "", width: 1, label: "Cost per week: $0.00 → $0.00" });
  });
});
