import { formatChange, formatCompact, formatUsd } from "@/lib/format";
import type { UsageTotals } from "@/lib/usage";
import { Cost } from "./cost";
import { CARD } from "@/components/ui/card";

/** A headline figure with its change against the previous period of the same length. */
export function StatCard({
  label,
  value,
  current,
  previous,
  testId,
  hint,
}: {
  label: string;
  value: React.ReactNode;
  current?: number | null;
  previous?: number | null;
  testId?: string;
  hint?: string;
}) {
  return (
    <div className={`${CARD} p-4`} title={hint}>
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
      <Change current={current} previous={previous} />
    </div>
  );
}

/** "+12% vs previous period" (more spend is shown neutral: it is not good or bad by itself). */
export function Change({
  current,
  previous,
  compact = false,
}: {
  current?: number | null;
  previous?: number | null;
  compact?: boolean;
}) {
  if (current === undefined || current === null || previous === undefined || previous === null) return null;
  if (previous === 0) {
    return (
      <div className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {current === 0 ? "no change" : "new"}
      </div>
    );
  }
  const change = (current - previous) / previous;
  const text = formatChange(change);
  const tone =
    change > 0 ? "text-amber-700 dark:text-amber-400" : change < 0 ? "text-sky-700 dark:text-sky-400" : "";
  // Compact (a table cell): the figure alone, one element, as it repeats on every row.
  if (compact)
    return <div className={`mt-1 text-xs ${tone || "text-zinc-500 dark:text-zinc-400"}`}>{text}</div>;
  return (
    <div className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
      <span className={tone}>{text}</span> vs previous period
    </div>
  );
}

/** The cost, cache savings and token cards a dashboard page opens with, each against the previous period. */
export function CostTokenCards({
  label,
  totals,
  previous,
  testIdPrefix,
}: {
  label: string;
  totals: UsageTotals;
  previous?: { cost: number; totalTokens: number; cacheSavings: number } | null;
  testIdPrefix: string;
}) {
  return (
    <>
      <StatCard
        label={label}
        value={<Cost totals={totals} testId={`${testIdPrefix}-cost`} />}
        current={totals.cost}
        previous={previous?.cost}
      />
      <StatCard
        label="Cache savings"
        value={formatUsd(totals.cacheSavings)}
        current={totals.cacheSavings}
        previous={previous?.cacheSavings}
        testId={`${testIdPrefix}-savings`}
        hint="What cache reads saved against reading the same tokens as uncached input, at list price"
      />
      <StatCard
        label="Tokens"
        value={formatCompact(totals.totalTokens)}
        current={totals.totalTokens}
        previous={previous?.totalTokens}
        testId={`${testIdPrefix}-tokens`}
        hint={`${totals.totalTokens.toLocaleString("en-US")} tokens`}
      />
    </>
  );
}
