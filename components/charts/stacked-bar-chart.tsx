"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import {
  bucketLabel,
  bucketPoints,
  bucketTitle,
  spansYears,
  type Bucket,
  type BucketPoint,
} from "@/lib/charts/buckets";
import { niceStep, niceTicks } from "@/lib/charts/ticks";
import { chartColors } from "@/lib/charts/palette";
import { formatTick, formatValue, type Unit } from "./value-format";

export interface ChartPoint {
  date: string;
  values: Record<string, number>;
}

/**
 * Daily values stacked by key, drawn per day, week or month (`bucket`). Rows arrive shaped and gap-filled
 * from the server.
 */
export function StackedBarChart({
  points,
  keys,
  unit,
  labels = {},
  bucket = "day",
}: {
  points: ChartPoint[];
  keys: string[];
  unit: Unit;
  labels?: Record<string, string>;
  bucket?: Bucket;
}) {
  const bars = bucketPoints(points, bucket);
  const years = spansYears(bars);
  const max = Math.max(0, ...bars.map((p) => Object.values(p.values).reduce((a, b) => a + b, 0)));
  // Counts have no fractions: their steps are whole.
  const step = unit === "usd" ? niceStep(max) : Math.max(1, niceStep(max));
  const ticks = unit === "usd" ? niceTicks(max) : niceTicks(Math.max(max, 1)).filter((t) => t % step === 0);
  const name = (key: string) => labels[key] ?? key;
  const colors = chartColors(keys);
  return (
    <div className="h-64 w-full" data-testid="chart" data-bucket={bucket} data-bars={bars.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} strokeOpacity={0.15} />
          <XAxis
            dataKey="date"
            tickFormatter={(d: string) => bucketLabel(d, bucket, years)}
            tick={{ fontSize: 11, fill: "currentColor" }}
            minTickGap={16}
          />
          <YAxis
            width={56}
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1]]}
            tickFormatter={(v: number) => formatTick(unit, v, step)}
            tick={{ fontSize: 11, fill: "currentColor" }}
          />
          <Tooltip
            content={({ active, payload }) =>
              active && payload?.length ? (
                <TooltipBox
                  point={payload[0].payload as BucketPoint}
                  keys={keys}
                  unit={unit}
                  bucket={bucket}
                  name={name}
                  colors={colors}
                />
              ) : null
            }
            // Above the legend, which would otherwise be drawn over it.
            wrapperStyle={{ zIndex: 10 }}
            cursor={{ fillOpacity: 0.08 }}
          />
          {keys.length > 1 && (
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(key: string) => name(key)} />
          )}
          {keys.map((key) => (
            // A function key: names such as "john.doe" would otherwise be read as nested paths.
            <Bar
              key={key}
              name={key}
              dataKey={(p: ChartPoint) => p.values[key]}
              stackId="stack"
              fill={colors[key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The hovered bar: its days, each key with a value (largest first, zeros left out) and the total. */
function TooltipBox({
  point,
  keys,
  unit,
  bucket,
  name,
  colors,
}: {
  point: BucketPoint;
  keys: string[];
  unit: Unit;
  bucket: Bucket;
  name: (key: string) => string;
  colors: Record<string, string>;
}) {
  const rows = keys
    .map((key) => ({ key, value: point.values[key] ?? 0, color: colors[key] }))
    .filter((r) => r.value !== 0)
    .sort((a, b) => b.value - a.value);
  const total = rows.reduce((n, r) => n + r.value, 0);
  return (
    <div
      className="rounded-md bg-zinc-900 px-3 py-2 text-xs text-white shadow-lg"
      data-testid="chart-tooltip"
    >
      <div className="mb-1 font-medium">{bucketTitle(point, bucket)}</div>
      <table className="tabular-nums">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="pr-3">
                <span
                  className="mr-1.5 inline-block size-2 rounded-full"
                  style={{ background: r.color }}
                  aria-hidden
                />
                {name(r.key)}
              </td>
              <td className="text-right">{formatValue(unit, r.value)}</td>
            </tr>
          ))}
          {rows.length !== 1 && (
            <tr className="border-t border-zinc-700 font-medium">
              <td className="pr-3">Total</td>
              <td className="text-right">{formatValue(unit, total)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
