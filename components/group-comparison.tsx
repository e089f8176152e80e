import Link from "next/link";
import type { GroupComparisonRow } from "@/db/stats/groups";
import { formatCompact, formatInteger, formatUsd } from "@/lib/format";
import { withParams } from "@/lib/url";
import { CARD } from "@/components/ui/card";

const FIGURES = ["Cost", "Tokens", "Active people", "Members", "Cost per active day"];

/** The groups side by side over the period; a group's name narrows the page to it. */
export function GroupComparison({
  rows,
  params,
}: {
  rows: GroupComparisonRow[];
  params: Record<string, string | undefined>;
}) {
  return (
    <section aria-label="Groups compared" className="space-y-2">
      <h2 className="text-lg font-semibold">Groups compared</h2>
      <div className={`${CARD} overflow-x-auto`}>
        <table className="stats-table w-full text-sm tabular-nums" data-testid="group-comparison">
          <caption className="sr-only">Groups by cost (a person in two groups counts in both)</caption>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th scope="col">Group</th>
              {FIGURES.map((label) => (
                <th key={label} scope="col" className="num">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.name} data-testid={`group-row-${g.name}`}>
                <th scope="row">
                  <Link
                    href={withParams(params, { group: g.name })}
                    className="hover:underline"
                    title={g.name}
                  >
                    {g.displayName}
                  </Link>
                </th>
                <td className="num" data-testid="group-cost">
                  {formatUsd(g.cost)}
                </td>
                <td className="num">{formatCompact(g.totalTokens)}</td>
                <td className="num" data-testid="group-people">
                  {formatInteger(g.activePeople)}
                </td>
                <td className="num">{formatInteger(g.members)}</td>
                <td className="num">{g.costPerActiveDay === null ? "-" : formatUsd(g.costPerActiveDay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
