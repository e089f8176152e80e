import { addDays } from "@/lib/dates";
import { formatUsd } from "@/lib/format";
import { bucketStart, type Bucket } from "./buckets";

// A leaderboard row's trend: its cost per bucket of the period, drawn as a tiny polyline. Each row
// sends whole levels (0 to SPARK.height), not costs: a hundred rows of 30-60 figures each stay a few KB.

export const SPARK = { width: 64, height: 18 } as const;

/** A row's trend as sent to the table: the levels to draw and what they say, for screen readers. */
export interface Trend {
  levels: number[];
  label: string;
}

/** The first day of every bucket over [from, to], in order (the first may start before `from`). */
export function bucketStarts(from: string, to: string, bucket: Bucket): string[] {
  const starts: string[] = [];
  for (let day = from; day <= to;) {
    const start = bucketStart(day, bucket);
    starts.push(start);
    day =
      bucket === "day"
        ? addDays(day, 1)
        : bucket === "week"
          ? addDays(start, 7)
          : bucketStart(addDays(start, 31), "month");
  }
  return starts;
}

/** Values as whole levels from 0 (nothing) to `height` (the largest), on a zero baseline. */
export function sparkLevels(values: readonly number[], height: number = SPARK.height): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? Math.round((Math.max(0, v) / max) * height) : 0));
}

/**
 * SVG polyline points for levels, one unit apart with the highest at the top (a single level is a flat
 * line): whole numbers, short in the page, drawn into the spark's size by its viewBox (sparkViewBox).
 */
export function sparkPoints(levels: readonly number[], height: number = SPARK.height): string {
  const drawn = levels.length === 1 ? [levels[0], levels[0]] : levels;
  return drawn.map((level, i) => `${i},${height - level}`).join(" ");
}

/** The viewBox that sparkPoints' coordinates fill: as wide as the steps between levels. */
export function sparkViewBox(levels: readonly number[], height: number = SPARK.height): string {
  return `0 0 ${Math.max(1, levels.length - 1)} ${height}`;
}

/** A row's trend from its costs per bucket: levels and a label such as "Cost per day: $1.20 → $3.40". */
export function costTrend(costs: readonly number[], bucket: Bucket): Trend {
  const first = costs[0] ?? 0;
  const last = costs[costs.length - 1] ?? 0;
  return {
    levels: sparkLevels(costs),
    label: `Cost per ${bucket}: ${formatUsd(first)} → ${formatUsd(last)}`,
  };
}
