import Link from "next/link";
import type { ModelRow } from "@/db/stats/models";
import { formatInteger, formatPercent, formatUsd } from "@/lib/format";
import { withParams } from "@/lib/url";
import { Change } from "./stat-card";
import { TokenSplit } from "./token-split";

const th = "px-3 py-2 font-medium whitespace-nowrap";

export function ModelsTable({
  rows,
  params,
}: {
  rows: ModelRow[];
  params: Record<string, string | undefined>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm tabular-nums" data-testid="models">
        <caption className="sr-only">Models by cost</caption>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${th} text-left`}>
              Model
            </th>
            <th scope="col" className={`${th} text-left`}>
              Provider
            </th>
            <th scope="col" className={`${th} text-right`}>
              Cost
            </th>
            <th scope="col" className={`${th} text-right`}>
              Share
            </th>
            <th scope="col" className={`${th} text-right`}>
              Tokens
            </th>
            <th scope="col" className={`${th} text-right`}>
              People
            </th>
            <th scope="col" className={`${th} text-right`}>
              Active days
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr
              key={m.model}
              className="border-t border-zinc-100 align-top dark:border-zinc-800"
              data-testid={`model-row-${m.model}`}
            >
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                <Link
                  href={`/models/${encodeURIComponent(m.model)}${withParams(params, { sort: undefined })}`}
                  className="hover:underline"
                >
                  {m.model}
                </Link>
              </th>
              <td className="px-3 py-2">{m.provider}</td>
              <td className="px-3 py-2 text-right">
                <span data-testid="cost">{formatUsd(m.cost)}</span>
                <Change current={m.cost} previous={m.previousCost} compact />
              </td>
              <td className="px-3 py-2 text-right">{formatPercent(m.shareOfCost)}</td>
              <td className="px-3 py-2 text-right">
                <TokenSplit totals={m} />
              </td>
              <td className="px-3 py-2 text-right">{formatInteger(m.people)}</td>
              <td className="px-3 py-2 text-right">{formatInteger(m.activeDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
