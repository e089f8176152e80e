import { eachDay } from "@/lib/period";
import { formatUsd } from "@/lib/format";

const LEVELS = [
  "bg-zinc-100 dark:bg-zinc-800",
  "bg-indigo-200 dark:bg-indigo-900",
  "bg-indigo-400 dark:bg-indigo-700",
  "bg-indigo-600 dark:bg-indigo-500",
  "bg-indigo-800 dark:bg-indigo-300",
];

/** A year of activity, one square per day (weeks as columns), shaded by cost relative to the busiest day. */
export function CalendarHeatmap({
  from,
  to,
  days,
}: {
  from: string;
  to: string;
  days: { date: string; cost: number }[];
}) {
  const costs = new Map(days.map((d) => [d.date, d.cost]));
  const max = Math.max(0, ...days.map((d) => d.cost));
  const all = eachDay(from, to);
  const offset = new Date(`${from}T00:00:00Z`).getUTCDay(); // blank cells before the first day, Sunday first
  const active = days.filter((d) => d.cost > 0).length;
  return (
    <div className="overflow-x-auto" data-testid="calendar">
      <div
        role="img"
        aria-label={`Activity from ${from} to ${to}: ${active} active days`}
        className="grid w-max grid-flow-col grid-rows-7 gap-[3px]"
      >
        {Array.from({ length: offset }, (_, i) => (
          <span key={`pad-${i}`} className="size-3" />
        ))}
        {all.map((date) => {
          const cost = costs.get(date) ?? 0;
          const level = cost <= 0 || max === 0 ? 0 : Math.min(4, Math.ceil((cost / max) * 4));
          return (
            <span
              key={date}
              title={`${date}: ${formatUsd(cost)}`}
              className={`size-3 rounded-sm ${LEVELS[level]}`}
            />
          );
        })}
      </div>
    </div>
  );
}
