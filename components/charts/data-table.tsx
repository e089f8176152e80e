"use client";

import { LazyDetails } from "../lazy-details";
import type { ChartPoint } from "./stacked-bar-chart";
import { formatValue, type Unit } from "./value-format";
import {
  BUCKET_NAMES,
  bucketPoints,
  bucketTitle,
  PREVIOUS,
  withPrevious,
  type Bucket,
} from "@/lib/charts/buckets";

/** A chart's figures as a table behind a disclosure (for screen readers, and anyone who wants numbers). */
export function DataTable({
  title,
  points,
  keys,
  unit,
  labels = {},
  bucket = "day",
  previous,
}: {
  title: string;
  points: ChartPoint[];
  keys: string[];
  unit: Unit;
  labels?: Record<string, string>;
  bucket?: Bucket;
  /** The previous period's total for each day, as its own column. */
  previous?: number[] | null;
}) {
  return (
    <LazyDetails
      className="mt-3 text-sm"
      summaryClassName="cursor-pointer text-zinc-500 dark:text-zinc-400"
      summary="Data table"
      content={() => (
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-right tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-white text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-3 text-left font-medium">
                  {BUCKET_NAMES[bucket]}
                </th>
                {keys.map((k) => (
                  <th key={k} scope="col" className="py-1 pr-3 font-medium">
                    {labels[k] ?? k}
                  </th>
                ))}
                {previous && (
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Previous period
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {bucketPoints(withPrevious(points, previous), bucket).map((p) => (
                <tr key={p.date} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="py-0.5 pr-3 text-left font-normal whitespace-nowrap">
                    {bucketTitle(p, bucket)}
                  </th>
                  {keys.map((k) => (
                    <td key={k} className="py-0.5 pr-3">
                      {formatValue(unit, p.values[k] ?? 0)}
                    </td>
                  ))}
                  {previous && <td className="py-0.5 pr-3">{formatValue(unit, p.values[PREVIOUS] ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    />
  );
}
