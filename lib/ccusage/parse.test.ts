import { describe, expect, it } from "vitest";
import { dailyFixtures, fixture, otherFixtures } from "@/test/fixtures";
import { usdToNumber } from "@/lib/money";
import { parseReport, type ParsedReport } from "./parse";
import { latestAcceptedDate } from "./schema";

function totals(report: ParsedReport) {
  const t = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0n };
  for (const m of report.days.flatMap((d) => d.models)) {
    t.inputTokens += m.inputTokens;
    t.outputTokens += m.outputTokens;
    t.cacheCreationTokens += m.cacheCreationTokens;
    t.cacheReadTokens += m.cacheReadTokens;
    t.cost += m.cost;
  }
  return t;
}

/** Parses, expecting rejection; returns the AppError. */
function reject(json: unknown) {
  try {
    parseReport(json);
  } catch (error) {
    return error as {
      code: string;
      status: number;
      message: string;
      details?: { problems: { path: string }[] };
    };
  }
  throw new Error("expected the report to be rejected");
}

const row = (over: Record<string, unknown> = {}) => ({
  date: "2025-09-29",
  inputTokens: 1,
  outputTokens: 2,
  cacheCreationTokens: 3,
  cacheReadTokens: 4,
  totalCost: 0.5,
  modelBreakdowns: [
    {
      modelName: "claude-sonnet-4-20250514",
      inputTokens: 1,
      outputTokens: 2,
      cacheCreationTokens: 3,
      cacheReadTokens: 4,
      cost: 0.5,
    },
  ],
  ...over,
});

describe("parseReport on real ccusage output", () => {
  it.each(dailyFixtures().map((f) => [f.name, f] as const))("%s: totals equal ccusage's own", (_, f) => {
    const report = parseReport(f.json);
    const t = totals(report);
    const expected = f.json.totals!;
    expect(t.inputTokens).toBe(expected.inputTokens);
    expect(t.outputTokens).toBe(expected.outputTokens);
    expect(t.cacheCreationTokens).toBe(expected.cacheCreationTokens);
    expect(t.cacheReadTokens).toBe(expected.cacheReadTokens);
    expect(usdToNumber(t.cost)).toBeCloseTo(expected.totalCost, 6);
    expect(report.days.map((d) => d.date)).toEqual([...new Set(report.days.map((d) => d.date))].sort());
  });

  it.each(otherFixtures().map((f) => [f.name, f] as const))(
    "%s: rejected, naming the daily command",
    (_, f) => {
      const error = reject(f.json);
      expect(error).toMatchObject({ code: "invalid", status: 422 });
      expect(error.message).toMatch(/not per-day data\. Upload the output of `ccusage claude daily --json`/);
    },
  );

  it("reads the classic shape with per-model rows and providers", () => {
    const report = parseReport(fixture("v20.0.24/claude-daily.json").json);
    expect(report).toMatchObject({ format: "daily", formatVersion: "v9+" });
    expect(report.days.map((d) => d.date)).toEqual(["2025-09-29", "2025-09-30", "2025-10-01"]);
    expect(report.days[0].models.map((m) => [m.model, m.provider])).toEqual([
      ["claude-3-5-haiku-20241022", "anthropic"],
      ["claude-opus-4-1-20250805", "anthropic"],
      ["claude-sonnet-4-20250514", "anthropic"],
    ]);
  });

  it("keeps other agents' models from the multi-agent shape, with their provider", () => {
    const report = parseReport(fixture("v20.0.24/with-codex-daily.json").json);
    expect(report.formatVersion).toBe("v19+");
    const codex = report.days.at(-1)!.models.find((m) => m.model === "gpt-5-codex");
    expect(codex).toMatchObject({ provider: "openai", inputTokens: 4000, cacheReadTokens: 8000 });
  });

  it("stores rows without a model breakdown under `unknown`", () => {
    const report = parseReport(fixture("v19.0.3/daily.json").json);
    expect(report.formatVersion).toBe("v19");
    expect(report.days.every((d) => d.models.length === 1 && d.models[0].model === "unknown")).toBe(true);
    expect(report.days[0].models[0]).toMatchObject({ provider: "other", inputTokens: 340 });
  });

  it("sums --instances projects per day and model", () => {
    const instances = parseReport(fixture("v20.0.24/claude-daily-instances.json").json);
    const plain = parseReport(fixture("v20.0.24/claude-daily.json").json);
    expect(instances).toMatchObject({ format: "daily-instances", formatVersion: "v20+" });
    expect(instances.days).toEqual(plain.days);
  });

  it("ignores the report's own totals", () => {
    const json = { daily: [row()], totals: { inputTokens: 999, totalCost: 999 } };
    expect(totals(parseReport(json)).inputTokens).toBe(1);
  });
});

describe("parseReport rejects bad input with the paths that are wrong", () => {
  it.each([
    ["negative tokens", { inputTokens: -1 }, "daily[0].inputTokens", "must not be negative"],
    ["fractional tokens", { outputTokens: 1.5 }, "daily[0].outputTokens", "must be a whole number"],
    ["non-numeric tokens", { cacheReadTokens: "12" }, "daily[0].cacheReadTokens", "must be a number"],
    ["a non-numeric cost", { totalCost: "NaN" }, "daily[0].totalCost", "must be a number"],
    ["an impossible date", { date: "2025-02-30" }, "daily[0].date", "is not a real calendar date"],
    ["a malformed date", { date: "29/09/2025" }, "daily[0].date", "YYYY-MM-DD"],
    ["a missing date", { date: undefined }, "daily[0]", 'needs a "date"'],
    [
      "a model name over 100 characters",
      { modelBreakdowns: [{ ...row().modelBreakdowns[0], modelName: "m".repeat(101) }] },
      "daily[0].modelBreakdowns[0].modelName",
      "at most 100",
    ],
    [
      "a negative model cost",
      { modelBreakdowns: [{ ...row().modelBreakdowns[0], cost: -0.1 }] },
      "daily[0].modelBreakdowns[0].cost",
      "must not be negative",
    ],
  ])("%s", (_, over, path, message) => {
    const error = reject({ daily: [row(over)] });
    expect(error).toMatchObject({ code: "invalid", status: 422 });
    expect(error.details!.problems[0]).toEqual({ path, message: expect.stringContaining(message) });
    expect(error.message).toContain(path);
  });

  it("rejects Infinity and NaN costs (which JSON can only carry as non-numbers)", () => {
    expect(reject({ daily: [row({ totalCost: Infinity })] }).details!.problems[0].path).toBe(
      "daily[0].totalCost",
    );
    expect(reject({ daily: [row({ totalCost: NaN })] }).details!.problems[0].path).toBe("daily[0].totalCost");
  });

  it("accepts today anywhere on Earth but not later than tomorrow in UTC+14", () => {
    const latest = latestAcceptedDate();
    expect(parseReport({ daily: [row({ date: latest })] }).days[0].date).toBe(latest);
    const after = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(reject({ daily: [row({ date: after })] }).message).toContain(
      `daily[0].date ${after} is in the future`,
    );
  });

  it("limits models per day, days per report, and lists at most 10 problems", () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ ...row().modelBreakdowns[0], modelName: `m${i}` }));
    expect(reject({ daily: [row({ modelBreakdowns: many })] }).message).toContain("at most 200 models");
    const days = Array.from({ length: 5001 }, () => row());
    expect(reject({ daily: days }).message).toContain("at most 5000");
    const bad = Array.from({ length: 30 }, () => row({ inputTokens: -1 }));
    expect(reject({ daily: bad }).details!.problems).toHaveLength(10);
  });

  it("rejects what is not a daily report", () => {
    expect(reject([]).message).toContain("Expected a JSON object");
    expect(reject({ daily: {} }).details!.problems[0]).toEqual({
      path: "daily",
      message: "must be an array of daily rows",
    });
    expect(reject({ type: "daily", data: [], summary: {} }).message).toContain(
      'expected a top-level "daily" array',
    );
    expect(reject({ projects: [] }).message).toContain("`projects` must be an object");
  });
});

describe("parseReport keeps every sum exact, or refuses it", () => {
  const modelRow = (tokens: number, cost: number) =>
    row({
      modelBreakdowns: [
        {
          modelName: "claude-x",
          inputTokens: tokens,
          outputTokens: 0,
          cacheCreationTokens: 0,
          cacheReadTokens: 0,
          cost,
        },
      ],
    });

  it("refuses a row over the bounds of one person's day, naming it", () => {
    const error = reject({ daily: [modelRow(100_000_000_001, 1)] });
    expect(error.details!.problems[0]).toEqual({
      path: "daily[0].modelBreakdowns[0].inputTokens",
      message: "is above the 100,000,000,000 tokens one person may report for a day",
    });
    expect(reject({ daily: [modelRow(1, 100_000.01)] }).details!.problems[0].path).toBe(
      "daily[0].modelBreakdowns[0].cost",
    );
  });

  it("refuses repeated rows of a day that add up past the bounds, even near 2^53", () => {
    // Each row alone is within bounds; summed as floats, rows near 2^53 would silently lose tokens.
    const near = 2 ** 53 - 1;
    expect(reject({ daily: [modelRow(near, 1)] }).code).toBe("invalid");
    const error = reject({ daily: [modelRow(60_000_000_000, 1), modelRow(60_000_000_000, 1)] });
    expect(error.message).toMatch(
      /^2025-09-29: claude-x's input tokens add up to more than the 100,000,000,000/,
    );
    expect(reject({ daily: Array.from({ length: 11 }, () => modelRow(1, 10_000)) }).message).toContain(
      "claude-x's cost add up to more than the $100,000",
    );
  });

  it("refuses a day whose models together pass the bounds", () => {
    const model = (modelName: string) => ({ ...modelRow(60_000_000_000, 1).modelBreakdowns[0], modelName });
    const error = reject({ daily: [row({ modelBreakdowns: [model("claude-a"), model("claude-b")] })] });
    expect(error.message).toMatch(/^2025-09-29: the day's input tokens add up to more than/);
  });

  it("sums repeated rows exactly up to the bounds", () => {
    const report = parseReport({
      daily: [modelRow(50_000_000_000, 50_000), modelRow(50_000_000_000, 50_000)],
    });
    expect(report.days[0].models[0]).toMatchObject({ inputTokens: 100_000_000_000, cost: 10n ** 15n });
  });

  it("refuses broken Unicode in a model name (it cannot be stored as text)", () => {
    const error = reject({
      daily: [row({ modelBreakdowns: [{ ...row().modelBreakdowns[0], modelName: "claude-\ud800" }] })],
    });
    expect(error.details!.problems[0]).toEqual({
      path: "daily[0].modelBreakdowns[0].modelName",
      message: "must not contain control characters or broken Unicode",
    });
  });
});
