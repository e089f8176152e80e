"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type MouseHandlerDataParam,
} from "recharts";
import {
  bucketLabel,
  bucketTitle,
  PREVIOUS,
  spansYears,
  type Bars,
  type Bucket,
  type BucketPoint,
} from "@/lib/charts/buckets";
import { niceStep, niceTicks } from "@/lib/charts/ticks";
import { chartColors } from "@/lib/charts/palette";
import { formatTick, formatValue, type Unit } from "./value-format";
import { formatChange } from "@/lib/format";

const PREVIOUS_NAME = "Previous period";

/**
 * Values stacked by key, one bar per day, week or month (`bucket`), as the server summed them (barsOf).
 * With `previous`, the previous period's totals are drawn as a dashed line. Dragging across the bars opens
 * the dragged days as a custom period.
 */
export function StackedBarChart({
  bars,
  keys,
  unit,
  labels = {},
  bucket,
  previous,
}: Bars & {
  keys: string[];
  unit: Unit;
  labels?: Record<string, string>;
}) {
  const router = useRouter();
  const [drag, setDrag] = useState<{ from: string; to: string } | null>(null);
  const years = spansYears(bars);
  const stacked = (p: BucketPoint) => keys.reduce((n, key) => n + (p.values[key] ?? 0), 0);
  const max = Math.max(0, ...bars.map((p) => Math.max(stacked(p), p.values[PREVIOUS] ?? 0)));
  // Counts have no fractions: their steps are whole.
  const step = unit === "usd" ? niceStep(max) : Math.max(1, niceStep(max));
  const ticks = unit === "usd" ? niceTicks(max) : niceTicks(Math.max(max, 1)).filter((t) => t % step === 0);
  const name = (key: string) => labels[key] ?? key;
  const colors = chartColors(keys);
  const label = (state: MouseHandlerDataParam) =>
    state.activeLabel === undefined ? undefined : String(state.activeLabel);
  const zoom = () => {
    setDrag(null);
    if (!drag || drag.from === drag.to) return;
    const [first, last] = [drag.from, drag.to].sort();
    const url = new URL(window.location.href);
    url.searchParams.set("range", "custom");
    url.searchParams.set("from", first);
    url.searchParams.set("to", bars.find((b) => b.date === last)?.last ?? last);
    url.searchParams.delete("bucket");
    router.push(`${url.pathname}${url.search}`);
  };
  return (
    <div
      className="h-64 w-full cursor-crosshair select-none"
      data-testid="chart"
      data-bucket={bucket}
      data-bars={bars.length}
      data-previous={previous ? "true" : undefined}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={bars}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          onMouseDown={(state) => {
            const at = label(state);
            if (at) setDrag({ from: at, to: at });
          }}
          onMouseMove={(state) => {
            const at = label(state);
            if (drag && at && at !== drag.to) setDrag({ ...drag, to: at });
          }}
          onMouseUp={zoom}
          onMouseLeave={() => setDrag(null)}
        >
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
                  previous={previous ? (payload[0].payload as BucketPoint).values[PREVIOUS] : undefined}
                />
              ) : null
            }
            // Above the legend, which would otherwise be drawn over it.
            wrapperStyle={{ zIndex: 10 }}
            cursor={{ fillOpacity: 0.08 }}
          />
          {(keys.length > 1 || previous) && (
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(key: string) => name(key)} />
          )}
          {keys.map((key) => (
            // A function key: names such as "john.doe" would otherwise be read as nested paths.
            <Bar
              key={key}
              name={key}
              dataKey={(p: BucketPoint) => p.values[key]}
              stackId="stack"
              fill={colors[key]}
              isAnimationActive={false}
            />
          ))}
          {previous && (
            <Line
              name={PREVIOUS_NAME}
              dataKey={(p: BucketPoint) => p.values[PREVIOUS]}
              stroke="currentColor"
              strokeOpacity={0.6}
              strokeDasharray="4 3"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {drag && drag.from !== drag.to && (
            <ReferenceArea x1={drag.from} x2={drag.to} fill="currentColor" fillOpacity={0.1} />
          )}
        </ComposedChart>
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
  previous,
}: {
  point: BucketPoint;
  keys: string[];
  unit: Unit;
  bucket: Bucket;
  name: (key: string) => string;
  colors: Record<string, string>;
  previous?: number;
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
          {previous !== undefined && (
            <tr className="text-zinc-300" data-testid="chart-tooltip-previous">
              <td className="pr-3">{PREVIOUS_NAME}</td>
              <td className="text-right">
                {formatValue(unit, previous)}
                {previous > 0 && ` (${formatChange((total - previous) / previous)})`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
