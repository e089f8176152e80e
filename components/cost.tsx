import { formatCompact, formatInteger, formatUsd } from "@/lib/format";
import { costSource, type UsageTotals } from "@/lib/usage";

type Priced = Pick<UsageTotals, "cost" | "pricedCost" | "unpricedTokens"> & { listCost?: number };

/** What a cost is made of, in a sentence (the hover text of every cost shown). */
export function costNote(t: Priced): string | undefined {
  const parts: string[] = [];
  if (t.pricedCost > 0)
    parts.push(
      t.pricedCost >= t.cost
        ? "At list price from the price table: the sender reported no cost for these tokens."
        : `Includes ${formatUsd(t.pricedCost)} at list price from the price table, where the sender reported no cost.`,
    );
  // The price table's figure beside the sender's, where they differ by a cent or more.
  if (t.listCost && t.pricedCost < t.cost && Math.abs(t.listCost - t.cost) >= 0.005)
    parts.push(`At list price from the price table: ${formatUsd(t.listCost)}.`);
  if (t.unpricedTokens > 0)
    parts.push(
      `${formatInteger(t.unpricedTokens)} tokens of models without a price are not in this cost (Settings → Prices).`,
    );
  return parts.length ? parts.join(" ") : undefined;
}

/** A cost as text: "Unpriced" when it is only tokens nobody could price, never "$0.00". */
export const formatCost = (t: Priced) => (costSource(t) === "unpriced" ? "Unpriced" : formatUsd(t.cost));

/**
 * A cost as every page shows it: the figure (never "$0.00" for tokens nobody priced: "Unpriced"), a mark
 * when part of it is the price table's list price, and the unpriced tokens beside it.
 */
export function Cost({ totals, testId = "cost" }: { totals: Priced; testId?: string }) {
  const source = costSource(totals);
  return (
    <span title={costNote(totals)} data-cost-source={source}>
      <span data-testid={testId}>{formatCost(totals)}</span>
      {totals.pricedCost > 0 && (
        <sup className="ml-0.5 text-sky-700 dark:text-sky-400" aria-label="(includes list prices)">
          list
        </sup>
      )}
      {totals.unpricedTokens > 0 && source !== "unpriced" && (
        <span
          className="block text-xs font-normal text-amber-700 dark:text-amber-400"
          data-testid={`${testId}-unpriced`}
        >
          + {formatCompact(totals.unpricedTokens)} tokens unpriced
        </span>
      )}
    </span>
  );
}
