"use client";

import { LazyDetails } from "../lazy-details";
import { formatValue, type Unit } from "./value-format";
import { BUCKET_NAMES, bucketTitle, PREVIOUS, type Bars } from "@/lib/charts/buckets";

/** A chart's figures as a table behind a disclosure (for screen readers, and anyone who wants numbers). */
export function DataTable({
  title,
  bars,
  keys,
  unit,
  labels = {},
  bucket,
  previous,
}: Bars & {
  title: string;
  keys: string[];
  unit: Unit;
  labels?: Record<string, string>;
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
              {bars.map((p) => (
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
