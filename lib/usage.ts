import type { CsvColumn } from "./csv";

// What every usage table, query, response and chart carries: four token counts and a cost. Defined once
// here; the schema's columns, the SQL column lists (db/stats/sums.ts), CSV columns and chart labels are
// derived from it.

export const TOKEN_FIELDS = [
  "inputTokens",
  "outputTokens",
  "cacheCreationTokens",
  "cacheReadTokens",
] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

export const USAGE_FIELDS = [...TOKEN_FIELDS, "cost"] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];

/** Each field's column in every usage table and its name on screen. */
export const USAGE_FIELD_INFO = {
  inputTokens: { column: "input_tokens", label: "Input" },
  outputTokens: { column: "output_tokens", label: "Output" },
  cacheCreationTokens: { column: "cache_creation_tokens", label: "Cache write" },
  cacheReadTokens: { column: "cache_read_tokens", label: "Cache read" },
  cost: { column: "cost", label: "Cost" },
} as const satisfies Record<UsageField, { column: string; label: string }>;
export type UsageColumn = (typeof USAGE_FIELD_INFO)[UsageField]["column"];

/** Usage as numbers (cost in USD), with the total of the four token counts. */
export type UsageTotals = Record<UsageField, number> & { totalTokens: number };

export function emptyTotals(): UsageTotals {
  return {
    cost: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    totalTokens: 0,
  };
}

/** Adds `from` into `into` (every field, and the total). */
export function addTotals(into: UsageTotals, from: UsageTotals): UsageTotals {
  for (const field of USAGE_FIELDS) into[field] += from[field];
  into.totalTokens += from.totalTokens;
  return into;
}

/** Share of input-side tokens served from the cache: the higher, the cheaper each request. */
export function cacheReadShare(t: UsageTotals): number | null {
  const input = t.inputTokens + t.cacheCreationTokens + t.cacheReadTokens;
  return input === 0 ? null : t.cacheReadTokens / input;
}

/** The usage columns every CSV export carries, in one order (a contract: scripts read them by position). */
export function usageCsvColumns<T extends UsageTotals>(): CsvColumn<T>[] {
  return [
    ["cost_usd", (r) => r.cost],
    ...TOKEN_FIELDS.map((f): CsvColumn<T> => [USAGE_FIELD_INFO[f].column, (r) => r[f]]),
    ["total_tokens", (r) => r.totalTokens],
  ];
}

/** Token types as charts label them. */
export const TOKEN_LABELS = Object.fromEntries(
  TOKEN_FIELDS.map((f) => [f, USAGE_FIELD_INFO[f].label]),
) as Record<TokenField, string>;
