import { sql, type SQL } from "drizzle-orm";
import { num } from "./scope";

export interface UsageTotals {
  cost: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
}

const COLUMNS = [
  ["cost", "cost"],
  ["input_tokens", "input_tokens"],
  ["output_tokens", "output_tokens"],
  ["cache_creation_tokens", "cache_creation_tokens"],
  ["cache_read_tokens", "cache_read_tokens"],
  ["total_tokens", "input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens"],
] as const;

/**
 * The six usage sums of model_usage, named `<prefix>cost`, `<prefix>input_tokens`, …, optionally only over
 * rows matching `filter` (used to get the current and the previous period from one scan).
 */
export function usageSums(prefix = "", filter?: SQL): SQL {
  const parts = COLUMNS.map(([name, expression]) => {
    const agg = filter
      ? sql`sum(${sql.raw(expression)}) filter (where ${filter})`
      : sql`sum(${sql.raw(expression)})`;
    return sql`coalesce(${agg}, 0) as ${sql.raw(prefix + name)}`;
  });
  return sql.join(parts, sql`, `);
}

/** Zeros under the names `usageSums(prefix)` gives, for a previous period that does not exist. */
export function zeroSums(prefix: string): SQL {
  return sql.raw(COLUMNS.map(([name]) => `0 as ${prefix}${name}`).join(", "));
}

/** Sums the six columns `usageSums(from)` named over the rows of an outer query, as `<to>cost`, …. */
export function resum(from: string, to: string): SQL {
  return sql.raw(COLUMNS.map(([name]) => `coalesce(sum(${from}${name}), 0) as ${to}${name}`).join(", "));
}

/** Reads the sums `usageSums(prefix)` selected. */
export function readTotals(row: Record<string, unknown>, prefix = ""): UsageTotals {
  return {
    cost: num(row[`${prefix}cost`]),
    inputTokens: num(row[`${prefix}input_tokens`]),
    outputTokens: num(row[`${prefix}output_tokens`]),
    cacheCreationTokens: num(row[`${prefix}cache_creation_tokens`]),
    cacheReadTokens: num(row[`${prefix}cache_read_tokens`]),
    totalTokens: num(row[`${prefix}total_tokens`]),
  };
}

/** Share of input-side tokens served from the cache: the higher, the cheaper each request. */
export function cacheReadShare(t: UsageTotals): number | null {
  const input = t.inputTokens + t.cacheCreationTokens + t.cacheReadTokens;
  return input === 0 ? null : t.cacheReadTokens / input;
}
