import type { CsvColumn } from "@/lib/csv";
import type { UsageTotals } from "./sums";

/** The usage columns every CSV export carries, in one order. */
export function usageCsvColumns<T extends UsageTotals>(): CsvColumn<T>[] {
  return [
    ["cost_usd", (r) => r.cost],
    ["input_tokens", (r) => r.inputTokens],
    ["output_tokens", (r) => r.outputTokens],
    ["cache_creation_tokens", (r) => r.cacheCreationTokens],
    ["cache_read_tokens", (r) => r.cacheReadTokens],
    ["total_tokens", (r) => r.totalTokens],
  ];
}
