import { describe, expect, it } from "vitest";
import {
  alertPayload,
  forecastSpend,
  monthlyUsdSchema,
  monthOf,
  reached,
  thresholdsSchema,
  type BudgetStatus,
} from "./budgets";

const issue = (schema: typeof monthlyUsdSchema | typeof thresholdsSchema, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0].message;
};

describe("budget input", () => {
  it("takes monthly amounts in dollars and cents, above 0 and below the typo guard", () => {
    expect(monthlyUsdSchema.parse("1000")).toBe(1000);
    expect(monthlyUsdSchema.parse("$1,250.5")).toBe(1250.5);
    expect(monthlyUsdSchema.parse(99.99)).toBe(99.99);
    expect(issue(monthlyUsdSchema, "0")).toBe("must be more than $0");
    expect(issue(monthlyUsdSchema, "-5")).toMatch(/must be an amount in USD/);
    expect(issue(monthlyUsdSchema, "12.345")).toMatch(/cents at most/);
    expect(issue(monthlyUsdSchema, "lots")).toMatch(/must be an amount in USD/);
    expect(issue(monthlyUsdSchema, "100000001")).toBe("must be at most $100,000,000.00 a month");
  });

  it("takes thresholds as whole ascending percents from 1 to 1000, at most ten, default 50,80,100", () => {
    expect(thresholdsSchema.parse("50, 80,100")).toEqual([50, 80, 100]);
    expect(thresholdsSchema.parse("75% 150%")).toEqual([75, 150]);
    expect(thresholdsSchema.parse([1, 1000])).toEqual([1, 1000]);
    expect(thresholdsSchema.parse("")).toEqual([50, 80, 100]);
    expect(thresholdsSchema.parse(undefined)).toEqual([50, 80, 100]);
    expect(issue(thresholdsSchema, "0,50")).toMatch(/whole percents from 1 to 1000/);
    expect(issue(thresholdsSchema, "50,1001")).toMatch(/whole percents from 1 to 1000/);
    expect(issue(thresholdsSchema, "50.5")).toMatch(/whole percents/);
    expect(issue(thresholdsSchema, "80,50")).toMatch(/ascending order without repeats/);
    expect(issue(thresholdsSchema, "50,50")).toMatch(/ascending order without repeats/);
    expect(issue(thresholdsSchema, "1,2,3,4,5,6,7,8,9,10,11")).toBe("must be at most 10 thresholds");
  });
});

describe("the month and its forecast", () => {
  it("counts days elapsed with today and the days of the month", () => {
    expect(monthOf("2026-12-10")).toEqual({
      month: "2026-12",
      first: "2026-12-01",
      last: "2026-12-31",
      elapsed: 10,
      days: 31,
    });
    expect(monthOf("2028-02-29")).toMatchObject({ last: "2028-02-29", elapsed: 29, days: 29 });
    // $100 in 10 days of 31: $310 by the month's end.
    expect(forecastSpend(100, monthOf("2026-12-10"))).toBeCloseTo(310, 10);
  });

  it("decides reaching a threshold to the cent", () => {
    expect(reached(50, 100, 50)).toBe(true);
    expect(reached(49.99, 100, 50)).toBe(false);
    expect(reached(0.1 + 0.2, 0.6, 50)).toBe(true);
    expect(reached(1500, 1000, 150)).toBe(true);
  });
});

describe("alert payloads", () => {
  const status: BudgetStatus = {
    id: 7,
    scope: "team",
    group: null,
    user: null,
    monthlyUsd: 1000,
    thresholds: [50, 80, 100],
    month: "2026-12",
    today: "2026-12-18",
    spendUsd: 812.4,
    percent: 81.24,
    forecastUsd: 1402.1,
    forecastPercent: 140.21,
    raised: { thresholds: [], forecast: false },
  };

  it("has a one-line title, a short text and the figures", () => {
    expect(alertPayload(status, "threshold", 80)).toMatchObject({
      title: "Team budget: 80% reached",
      text: "Team budget: $812.40 of $1,000.00 (81%) spent in December 2026; forecast $1,402.10.",
      budgetId: 7,
      scope: "team",
      month: "2026-12",
      threshold: 80,
      spendUsd: 812.4,
      budgetUsd: 1000,
      percent: 81.24,
      forecastUsd: 1402.1,
      path: "/?range=this-month",
    });
    const person = {
      ...status,
      scope: "user" as const,
      user: { id: 3, username: "al", displayName: "Al B", hidden: false },
    };
    expect(alertPayload(person, "forecast", 100)).toMatchObject({
      title: "Al B's budget: forecast over budget (140%)",
      threshold: null,
      user: "al",
      path: "/users/al?range=this-month",
    });
  });
});
