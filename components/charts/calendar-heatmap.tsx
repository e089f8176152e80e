"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { calendarLayout } from "@/lib/charts/calendar";
import { formatUsd } from "@/lib/format";

const LEVELS = [
  "bg-zinc-100 dark:bg-zinc-800",
  "bg-indigo-200 dark:bg-indigo-900",
  "bg-indigo-400 dark:bg-indigo-700",
  "bg-indigo-600 dark:bg-indigo-500",
  "bg-indigo-800 dark:bg-indigo-300",
];
// A cell is 12 px with 3 px between: month labels sit at a column's left edge.
const PITCH = 15;
const WEEKDAYS = ["Mon", "", "Wed", "", "Fri", "", ""];

const noSubscription = () => () => {};

/**
 * The period's activity, one square per day (weeks as columns, Monday first), shaded in four cost bands.
 * Fed one number per day, and its squares drawn in the browser like the charts beside it: as server
 * markup, a year of titled squares costs more to render and send than the rest of the page. The server
 * sends the labels, the legend and the summary (the image's label) in a box of the final size.
 */
export function CalendarHeatmap({ from, to, costs }: { from: string; to: string; costs: number[] }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const scroller = useRef<HTMLDivElement>(null);
  // On a phone a long period scrolls sideways: open it at its latest weeks, not its oldest.
  useEffect(() => {
    const box = scroller.current;
    if (box) box.scrollLeft = box.scrollWidth;
  }, [inBrowser, from, to]);
  const { offset, weeks, cells, months, bands } = calendarLayout(from, to, costs);
  const active = cells.filter((c) => c.level > 0).length;
  const legend = [
    "No usage",
    `Up to ${formatUsd(bands[0])} a day`,
    ...bands.slice(1).map((top, i) => `${formatUsd(bands[i])} to ${formatUsd(top)} a day`),
  ];
  return (
    <div className="space-y-2" data-testid="calendar">
      <div ref={scroller} className="relative overflow-x-auto pb-1">
        <div className="flex w-max gap-2 text-[10px] leading-3 text-zinc-500 dark:text-zinc-400">
          <div className="sticky left-0 z-10 grid grid-rows-7 gap-[3px] bg-white pt-5 pr-1 dark:bg-zinc-900">
            {WEEKDAYS.map((day, i) => (
              <span key={i} className="h-3" data-testid={day ? "calendar-weekday" : undefined}>
                {day}
              </span>
            ))}
          </div>
          <div>
            <div className="relative h-5" style={{ width: weeks * PITCH }}>
              {months.map((m) => (
                <span
                  key={`${m.label}-${m.column}`}
                  className="absolute top-0 whitespace-nowrap"
                  style={{ left: m.column * PITCH }}
                  data-testid="calendar-month"
                >
                  {m.label}
                </span>
              ))}
            </div>
            <div
              role="img"
              aria-label={`Activity from ${from} to ${to}: ${active} active ${active === 1 ? "day" : "days"}`}
              className="grid h-[102px] w-max grid-flow-col grid-rows-7 gap-[3px]"
            >
              {inBrowser && (
                <>
                  {Array.from({ length: offset }, (_, i) => (
                    <span key={`pad-${i}`} className="size-3" />
                  ))}
                  {cells.map((cell) => (
                    <span
                      key={cell.date}
                      title={`${cell.date}: ${formatUsd(cell.cost)}`}
                      data-date={cell.date}
                      data-level={cell.level}
                      className={`size-3 rounded-sm ${LEVELS[cell.level]}`}
                    />
                  ))}
                </>
              )}
            </div>
          </div>
        </div>
      </div>
      <div
        className="flex flex-wrap items-center justify-end gap-1 text-xs text-zinc-500 dark:text-zinc-400"
        data-testid="calendar-legend"
      >
        <span className="mr-1">Less</span>
        {legend.map((meaning, level) => (
          <span
            key={level}
            role="img"
            aria-label={meaning}
            title={meaning}
            className={`size-3 rounded-sm ${LEVELS[level]}`}
          />
        ))}
        <span className="ml-1">More</span>
        {active > 0 && <span className="ml-2">(each shade {formatUsd(bands[0])} a day more)</span>}
      </div>
    </div>
  );
}
