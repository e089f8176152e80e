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

/**
 * What the read model adds to usage once priced (lib/prices): of the cost shown, the part the price table
 * gave (where the sender reported none); tokens nobody could price (shown as unpriced, never as $0);
 * what cache reads saved against uncached input at list price; and what the price table says all the
 * tokens cost (0 where it has no price), kept beside the cost shown.
 */
export const PRICING_FIELDS = ["pricedCost", "unpricedTokens", "cacheSavings", "listCost"] as const;
export type PricingField = (typeof PRICING_FIELDS)[number];
export const PRICING_FIELD_INFO = {
  pricedCost: { column: "priced_cost", label: "Cost from the price table" },
  unpricedTokens: { column: "unpriced_tokens", label: "Unpriced tokens" },
  cacheSavings: { column: "cache_savings", label: "Cache savings" },
  listCost: { column: "list_cost", label: "List price" },
} as const satisfies Record<PricingField, { column: string; label: string }>;

/** Every field the read model (what the dashboard reads) carries. */
export const READ_FIELDS = [...USAGE_FIELDS, ...PRICING_FIELDS] as const;
export type ReadField = (typeof READ_FIELDS)[number];
export const READ_FIELD_INFO = { ...USAGE_FIELD_INFO, ...PRICING_FIELD_INFO };
export type UsageColumn = (typeof READ_FIELD_INFO)[ReadField]["column"];

/** Usage as a sender reported it (cost in USD), with the total of the four token counts. */
export type ReportedTotals = Record<UsageField, number> & { totalTokens: number };

/** Usage as the dashboard reads it, priced (costs in USD). */
export type UsageTotals = ReportedTotals & Record<PricingField, number>;

export function emptyTotals(): UsageTotals {
  return {
    cost: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    totalTokens: 0,
    pricedCost: 0,
    unpricedTokens: 0,
    cacheSavings: 0,
    listCost: 0,
  };
}

/** Adds `from` into `into` (every field, and the total). */
export function addTotals(into: UsageTotals, from: UsageTotals): UsageTotals {
  for (const field of READ_FIELDS) into[field] += from[field];
  into.totalTokens += from.totalTokens;
  return into;
}

/** Where a cost came from: the sender, the price table, both, or nowhere (its tokens are unpriced). */
export type CostSource = "reported" | "prices" | "mixed" | "unpriced";

export function costSource(t: Pick<UsageTotals, "cost" | "pricedCost" | "unpricedTokens">): CostSource {
  if (t.unpricedTokens > 0) return t.cost > 0 ? "mixed" : "unpriced";
  if (t.pricedCost <= 0) return "reported";
  return t.pricedCost >= t.cost ? "prices" : "mixed";
}

/** Share of input-side tokens served from the cache: the higher, the cheaper each request. */
export function cacheReadShare(t: UsageTotals): number | null {
  const input = t.inputTokens + t.cacheCreationTokens + t.cacheReadTokens;
  return input === 0 ? null : t.cacheReadTokens / input;
}

/**
 * The usage columns every CSV export carries, in one order (a contract: scripts read them by position;
 * columns are only ever added at the end, so pricingCsvColumns come last).
 */
export function usageCsvColumns<T extends UsageTotals>(): CsvColumn<T>[] {
  return [
    ["cost_usd", (r) => r.cost],
    ...TOKEN_FIELDS.map((f): CsvColumn<T> => [USAGE_FIELD_INFO[f].column, (r) => r[f]]),
    ["total_tokens", (r) => r.totalTokens],
  ];
}

/** Where a row's cost came from and what it saved: the last columns of every CSV export. */
export function pricingCsvColumns<T extends UsageTotals>(): CsvColumn<T>[] {
  return [
    ["priced_cost_usd", (r) => r.pricedCost],
    ["unpriced_tokens", (r) => r.unpricedTokens],
    ["cache_savings_usd", (r) => r.cacheSavings],
    ["list_cost_usd", (r) => r.listCost],
    ["cost_source", (r) => costSource(r)],
  ];
}

/** Token types as charts label them. */
export const TOKEN_LABELS = Object.fromEntries(
  TOKEN_FIELDS.map((f) => [f, USAGE_FIELD_INFO[f].label]),
) as Record<TokenField, string>;
