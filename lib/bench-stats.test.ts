import { expect, it } from "vitest";
import { measure, percentile } from "./bench-stats";

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
