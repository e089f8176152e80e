"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colorFor } from "./palette";
import { formatAxis, formatValue, type Unit } from "./value-format";

export interface ChartPoint {
  date: string;
  values: Record<string, number>;
}

/** Daily values stacked by key. Rows arrive shaped and gap-filled from the server. */
export function StackedBarChart({
  points,
  keys,
  unit,
  labels = {},
}: {
  points: ChartPoint[];
  keys: string[];
  unit: Unit;
  labels?: Record<string, string>;
}) {
  return (
    <div className="h-64 w-full" data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} strokeOpacity={0.15} />
          <XAxis
            dataKey="date"
            tickFormatter={(d: string) => d.slice(5)}
            tick={{ fontSize: 11, fill: "currentColor" }}
            minTickGap={16}
          />
          <YAxis
            width={56}
            tickFormatter={(v: number) => formatAxis(unit, v)}
            tick={{ fontSize: 11, fill: "currentColor" }}
          />
          <Tooltip
            formatter={(value, name) => [
              formatValue(unit, Number(value)),
              labels[String(name)] ?? String(name),
            ]}
            contentStyle={{
              background: "var(--color-zinc-900)",
              border: "none",
              borderRadius: 6,
              color: "white",
              fontSize: 12,
            }}
            cursor={{ fillOpacity: 0.08 }}
          />
          {keys.length > 1 && (
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(name: string) => labels[name] ?? name} />
          )}
          {keys.map((key, i) => (
            // A function key: names such as "john.doe" would otherwise be read as nested paths.
            <Bar
              key={key}
              name={key}
              dataKey={(p: ChartPoint) => p.values[key]}
              stackId="stack"
              fill={colorFor(key, i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
