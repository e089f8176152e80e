import { describe, expect, it } from "vitest";
import { addDays, daysBetween, eachDay, fromDayNumber, toDayNumber } from "./dates";

describe("calendar date arithmetic", () => {
  it("agrees with Date on every day from 1600 to 2400", () => {
    const first = Date.UTC(1600, 0, 1) / 86_400_000;
    const last = Date.UTC(2400, 11, 31) / 86_400_000;
    const wrong: string[] = [];
    for (let day = first; day <= last; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== iso || toDayNumber(iso) !== day) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it("steps over month, leap-day and year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2024-01-01", "2024-12-31")).toBe(366);
    expect(eachDay("2024-02-27", "2024-03-01")).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(eachDay("2024-03-01", "2024-02-27")).toEqual([]);
  });

  it("refuses text that is not a YYYY-MM-DD date", () => {
    expect(() => toDayNumber("2024-2-1")).toThrow(/not a YYYY-MM-DD date/);
    expect(() => addDays("", 1)).toThrow(RangeError);
  });
});
