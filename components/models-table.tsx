import Link from "next/link";
import type { ModelRow } from "@/lib/stats/types";
import { formatCompact, formatInteger, formatPercent, formatUsd } from "@/lib/format";
import { withParams } from "@/lib/url";
import { Change } from "./stat-card";
import { Cost } from "./cost";
import { TokenSplit } from "./token-split";
import { CARD } from "@/components/ui/card";
import { PhoneSummary } from "@/components/ui/phone-summary";

/** The right-aligned figure columns, in order. */
const FIGURES = ["Cost", "Share", "Tokens", "Cache savings", "People", "Active days"];

/** Models by cost; on phones each row is the model, with the other figures under its name, and its cost. */
export function ModelsTable({
  rows,
  params,
}: {
  rows: ModelRow[];
  params: Record<string, string | undefined>;
}) {
  return (
    <div className={`${CARD} overflow-x-auto`}>
      <table className="stats-table phone-rows w-full text-sm tabular-nums" data-testid="models">
        <caption className="sr-only">Models by cost</caption>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="keep">
              Model
            </th>
            <th scope="col">Provider</th>
            {FIGURES.map((label) => (
              <th key={label} scope="col" className={label === "Cost" ? "num keep" : "num"}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.model} data-testid={`model-row-${m.model}`}>
              <th scope="row">
                <Link
                  href={`/models/${encodeURIComponent(m.model)}${withParams(params, { sort: undefined })}`}
                  className="hover:underline"
                  title={m.model}
                >
                  {m.name}
                </Link>
                <PhoneSummary
                  pairs={[
                    ["Provider", m.provider],
                    ["Share", formatPercent(m.shareOfCost)],
                    ["Tokens", formatCompact(m.totalTokens)],
                    ["Savings", formatUsd(m.cacheSavings)],
                    ["People", formatInteger(m.people)],
                    ["Active days", formatInteger(m.activeDays)],
                  ]}
                />
              </th>
              <td>{m.provider}</td>
              <td className="num keep">
                <Cost totals={m} />
                <Change current={m.cost} previous={m.previousCost} compact />
              </td>
              <td className="num">{formatPercent(m.shareOfCost)}</td>
              <td className="num">
                <TokenSplit totals={m} />
              </td>
              <td className="num">{formatUsd(m.cacheSavings)}</td>
              <td className="num">{formatInteger(m.people)}</td>
              <td className="num">{formatInteger(m.activeDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
