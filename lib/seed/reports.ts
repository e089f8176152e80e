/** Builds a classic ccusage daily report: `{ "2025-01-01": { "claude-sonnet-4": [tokens, costUsd] } }`. */
export function dailyReport(days: Record<string, Record<string, [tokens: number, cost: number]>>) {
  return {
    daily: Object.entries(days).map(([date, models]) => {
      const breakdowns = Object.entries(models).map(([modelName, [tokens, cost]]) => ({
        modelName,
        inputTokens: tokens,
        outputTokens: 2 * tokens,
        cacheCreationTokens: 3 * tokens,
        cacheReadTokens: 4 * tokens,
        cost,
      }));
      const sum = (k: "inputTokens" | "outputTokens" | "cacheCreationTokens" | "cacheReadTokens") =>
        breakdowns.reduce((n, b) => n + b[k], 0);
      return {
        date,
        inputTokens: sum("inputTokens"),
        outputTokens: sum("outputTokens"),
        cacheCreationTokens: sum("cacheCreationTokens"),
        cacheReadTokens: sum("cacheReadTokens"),
        totalTokens: 10 * breakdowns.reduce((n, b) => n + b.inputTokens, 0),
        totalCost: breakdowns.reduce((n, b) => n + b.cost, 0),
        modelsUsed: breakdowns.map((b) => b.modelName),
        modelBreakdowns: breakdowns,
      };
    }),
  };
}

/** A year-long report: `days` consecutive days from 2025-01-01 with `models` models each. */
export function longReport(days: number, models: number, scale = 1) {
  const report: Record<string, Record<string, [number, number]>> = {};
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    report[date] = Object.fromEntries(
      Array.from({ length: models }, (_, m) => [
        `claude-model-${m}`,
        [scale * (1000 + d + m), scale * 0.0123456789 * (m + 1)],
      ]),
    );
  }
  return dailyReport(report);
}
