import { expect, it } from "vitest";
import { checkTargets, measure, percentile } from "./stats";

it("takes nearest-rank percentiles and runs tasks at the given concurrency", async () => {
  expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  expect(
    percentile(
      Array.from({ length: 100 }, (_, i) => i + 1),
      95,
    ),
  ).toBe(95);
  let running = 0;
  let peak = 0;
  const result = await measure(20, 4, async () => {
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, 2));
    running--;
  });
  expect(peak).toBe(4);
  expect(result.n).toBe(20);
  expect(result.p95).toBeGreaterThanOrEqual(result.p50);
});

it("checks one run's figures against the team-scale targets", () => {
  const checks = checkTargets(
    [
      { name: "leaderboard JSON all", concurrency: 1, p95: 30, sqlP95: 20 },
      { name: "leaderboard JSON all", concurrency: 4, p95: 31, sqlP95: 20 },
      { name: "person page 30d", concurrency: 1, p95: 60, sqlP95: 10 },
      { name: "leaderboard page 30d", concurrency: 1, p95: 50, sqlP95: 10 },
      { name: "leaderboard SQL all, statements only", concurrency: 1, sqlP50: 8 },
      { name: "upload 30d x 4 models", concurrency: 4, p95: 120, perSecond: 6, sqlPerSecond: 20 },
      { name: "trivial route", concurrency: 1, p95: 5 },
      { name: "sign-in page", concurrency: 1, p95: 25 },
    ],
    { peakRssMb: 400, allTimeSqlLimitMs: 10 },
  );
  const verdict = Object.fromEntries(checks.map((c) => [c.target, c.met]));
  const floors = Object.fromEntries(
    checks.filter((c) => c.floor).map((c) => [c.target, { ...c.floor, outOfReach: c.outOfReach }]),
  );
  expect(verdict).toEqual({
    "leaderboard JSON all p95 <= 1.5x its SQL (c=1)": true,
    "leaderboard JSON all p95 <= 1.5x its SQL (c=4)": false,
    "leaderboard page 30d p95 <= 2x its SQL (c=1)": false,
    "leaderboard page 30d p95 < 250 ms (c=1)": true,
    "person page 30d p95 < 250 ms (c=1)": true,
    "person page 30d p95 <= its SQL + 40 ms (c=1)": false,
    "all-time leaderboard statements p50 <= 10 ms": true,
    "uploads/s >= 0.3x the SQL's (c=4), as a ratio": true,
    "upload 30d x 4 models p95 <= 100 ms (c=4)": false,
    "server peak RSS < 400 MB": false,
  });
  // Limits derived from the SQL carry the framework floor at their concurrency, where it was measured.
  expect(floors).toEqual({
    "leaderboard JSON all p95 <= 1.5x its SQL (c=1)": { name: "trivial route", p95: 5, outOfReach: false },
    // Missed with a limit of 20 ms, which the sign-in page's 25 ms alone exceeds.
    "leaderboard page 30d p95 <= 2x its SQL (c=1)": { name: "sign-in page", p95: 25, outOfReach: true },
    // Missed, but with a limit (50 ms) above the floor: a faster page could meet it.
    "person page 30d p95 <= its SQL + 40 ms (c=1)": { name: "sign-in page", p95: 25, outOfReach: false },
  });
});
