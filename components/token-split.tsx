"use client";

import type { UsageTotals } from "@/lib/usage";
import { formatCompact, formatInteger } from "@/lib/format";
import { LazyDetails } from "./lazy-details";

/** Total tokens; expands (click or keyboard) to the input / output / cache-write / cache-read split. */
export function TokenSplit({ totals }: { totals: UsageTotals }) {
  return (
    <LazyDetails
      className="group"
      title={`${formatInteger(totals.totalTokens)} tokens`}
      summaryClassName="cursor-pointer list-none"
      summaryTestId="tokens"
      summary={formatCompact(totals.totalTokens)}
      content={() => (
        <dl className="mt-1 grid grid-cols-[auto_auto] justify-end gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
          <dt>input</dt>
          <dd>{formatInteger(totals.inputTokens)}</dd>
          <dt>output</dt>
          <dd>{formatInteger(totals.outputTokens)}</dd>
          <dt>cache write</dt>
          <dd>{formatInteger(totals.cacheCreationTokens)}</dd>
          <dt>cache read</dt>
          <dd>{formatInteger(totals.cacheReadTokens)}</dd>
        </dl>
      )}
    />
  );
}
