"use client";

import Link from "next/link";
import type { ActivityTotals, LeaderboardRow } from "@/lib/stats/types";
import { formatCompact, formatInteger, formatPercent, formatUsd } from "@/lib/format";
import { activeHours } from "@/lib/stats/activity";
import { SORTS } from "@/lib/stats/labels";
import { withParams } from "@/lib/url";
import { Change } from "./stat-card";
import { TokenSplit } from "./token-split";
import { Cost } from "./cost";
import { CARD } from "@/components/ui/card";
import { PhoneSummary } from "@/components/ui/phone-summary";
import type { Trend } from "@/lib/charts/spark";
import { SparkLine } from "./spark-line";
import { useLinkClicks } from "@/components/ui/link-clicks";

/** What a row needs here: the activity the table shows (only when it shows it) and the trend. */
export type LeaderboardTableRow = Omit<LeaderboardRow, "activity" | "trend"> & {
  activity?: Pick<ActivityTotals, "sessions" | "active_seconds" | "lines_added">;
  trend: Trend;
};

/**
 * The ranked people. A client component fed plain rows: as server-rendered markup, every cell of a
 * hundred rows is streamed as a separate piece of the page, which cost more than the page's queries.
 * The spark lines come as paths and are drawn as SVG in the server's HTML. On phones each row is the
 * person with the other figures under their name, then cost and trend.
 */
export function LeaderboardTable({
  rows,
  params,
  sort,
  showActivity,
}: {
  rows: LeaderboardTableRow[];
  params: Record<string, string | undefined>;
  sort: keyof typeof SORTS;
  /** Whether to show the telemetry columns (sessions, active hours, lines added): when anyone sent telemetry. */
  showActivity: boolean;
}) {
  const none = { sessions: 0, active_seconds: 0, lines_added: 0 };
  const followLink = useLinkClicks();
  const sortLink = (key: keyof typeof SORTS, label: string) => (
    <Link
      href={withParams(params, { sort: key === "cost" ? undefined : key })}
      aria-current={sort === key ? "true" : undefined}
      className={sort === key ? "text-zinc-900 underline dark:text-zinc-100" : "hover:underline"}
    >
      {label}
      {sort === key && <span aria-hidden> ↓</span>}
    </Link>
  );
  return (
    <div className={`${CARD} overflow-x-auto`}>
      <table className="stats-table phone-rows w-full text-sm tabular-nums" data-testid="leaderboard">
        <caption className="sr-only">Leaderboard, sorted by {SORTS[sort].toLowerCase()}</caption>
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col">#</th>
            <th scope="col" className="keep">
              Person
            </th>
            <th scope="col" className="num keep">
              {sortLink("cost", "Cost")}
            </th>
            <th scope="col" className="keep">
              Trend
            </th>
            <th scope="col" className="num">
              {sortLink("tokens", "Tokens")}
            </th>
            <th scope="col" className="num">
              Active days
            </th>
            <th scope="col">Top model</th>
            <th scope="col" className="num" title="Share of input-side tokens read from the cache">
              {sortLink("cache", "Cache reads")}
            </th>
            <th
              scope="col"
              className="num"
              title="What cache reads saved against uncached input, at list price"
            >
              {sortLink("savings", "Cache savings")}
            </th>
            {showActivity && (
              <>
                <th scope="col" className="num">
                  {sortLink("sessions", "Sessions")}
                </th>
                <th scope="col" className="num">
                  {sortLink("active", "Active hours")}
                </th>
                <th scope="col" className="num">
                  {sortLink("lines", "Lines added")}
                </th>
              </>
            )}
          </tr>
        </thead>
        {/* Each person's page opens in the app, without a next/link per row (useLinkClicks). */}
        <tbody onClick={followLink}>
          {rows.map(({ activity = none, ...row }) => (
            <tr key={row.username} data-testid={`leaderboard-row-${row.username}`}>
              <td className="text-zinc-500">{row.rank}</td>
              <th scope="row">
                <a
                  href={`/users/${encodeURIComponent(row.username)}${withParams(params, { sort: undefined })}`}
                  className="hover:underline"
                >
                  {row.displayName}
                </a>
                <div className="text-xs font-normal text-zinc-500">{row.username}</div>
                <PhoneSummary
                  pairs={[
                    ["Rank", row.rank],
                    ["Tokens", formatCompact(row.totalTokens)],
                    ["Active days", formatInteger(row.activeDays)],
                    ["Top model", row.topModelName ?? "-"],
                    ["Cache reads", row.cacheReadShare === null ? "-" : formatPercent(row.cacheReadShare)],
                    ["Savings", formatUsd(row.cacheSavings)],
                    ...(showActivity
                      ? ([
                          ["Sessions", formatInteger(activity.sessions)],
                          ["Active hours", activeHours(activity).toFixed(1)],
                          ["Lines added", formatInteger(activity.lines_added)],
                        ] as const)
                      : []),
                  ]}
                />
              </th>
              <td className="num keep">
                <Cost totals={row} />
                <Change current={row.cost} previous={row.previousCost} compact />
              </td>
              <td className="keep">
                <SparkLine trend={row.trend} />
              </td>
              <td className="num">
                <TokenSplit totals={row} />
              </td>
              <td className="num">{formatInteger(row.activeDays)}</td>
              <td className="whitespace-nowrap" title={row.topModel ?? undefined}>
                {row.topModelName ?? "-"}
              </td>
              <td className="num">{row.cacheReadShare === null ? "-" : formatPercent(row.cacheReadShare)}</td>
              <td className="num" data-testid="savings">
                {formatUsd(row.cacheSavings)}
              </td>
              {showActivity && (
                <>
                  <td className="num">{formatInteger(activity.sessions)}</td>
                  <td className="num">{activeHours(activity).toFixed(1)}</td>
                  <td className="num" data-testid="lines-added">
                    {formatInteger(activity.lines_added)}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
