"use client";

import { useSyncExternalStore } from "react";
import { eachDay } from "@/lib/dates";
import { formatUsd } from "@/lib/format";

const LEVELS = [
  "bg-zinc-100 dark:bg-zinc-800",
  "bg-indigo-200 dark:bg-indigo-900",
  "bg-indigo-400 dark:bg-indigo-700",
  "bg-indigo-600 dark:bg-indigo-500",
  "bg-indigo-800 dark:bg-indigo-300",
];

const noSubscription = () => () => {};

/**
 * A year of activity, one square per day (weeks as columns), shaded by cost relative to the busiest day.
 * Fed one number per day, and its squares drawn in the browser like the charts beside it: as server
 * markup, 365 titled squares cost more to render and send than the rest of the page. The server sends
 * the summary (the image's label) in a box of the final size.
 */
export function CalendarHeatmap({ from, to, costs }: { from: string; to: string; costs: number[] }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const max = Math.max(0, ...costs);
  const offset = new Date(`${from}T00:00:00Z`).getUTCDay(); // blank cells before the first day, Sunday first
  const active = costs.filter((cost) => cost > 0).length;
  return (
    <div className="overflow-x-auto" data-testid="calendar">
      <div
        role="img"
        aria-label={`Activity from ${from} to ${to}: ${active} active days`}
        className="grid h-[102px] w-max grid-flow-col grid-rows-7 gap-[3px]"
      >
        {inBrowser && (
          <>
            {Array.from({ length: offset }, (_, i) => (
              <span key={`pad-${i}`} className="size-3" />
            ))}
            {eachDay(from, to).map((date, i) => {
              const cost = costs[i] ?? 0;
              const level = cost <= 0 || max === 0 ? 0 : Math.min(4, Math.ceil((cost / max) * 4));
              return (
                <span
                  key={date}
                  title={`${date}: ${formatUsd(cost)}`}
                  className={`size-3 rounded-sm ${LEVELS[level]}`}
                />
              );
            })}
          </>
        )}
      </div>
    </div>
  );
}
