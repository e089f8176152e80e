import { addDays } from "@/lib/dates";
import { formatUsd } from "@/lib/format";
import { bucketStart, type Bucket } from "./buckets";

// A leaderboard row's trend: its cost per bucket of the period as whole levels (0 to SPARK.height), drawn
// as a tiny line. The server sends each row its path, not figures: the page carries a hundred of them.

export const SPARK = { height: 18 } as const;

/** A row's trend as sent to the table: the line to draw, its width in steps, and what it says. */
export interface Trend {
  path: string;
  width: number;
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
 * An SVG path through levels, one unit apart with the highest at the top (a single level is a flat line):
 * relative steps, a flat run as one `h`, so a hundred rows' lines stay short in the page. Drawn into the
 * spark's size by a viewBox as wide as the steps (`Trend.width`).
 */
export function sparkPath(levels: readonly number[], height: number = SPARK.height): string {
  if (levels.length === 0) return "";
  const drawn = levels.length === 1 ? [levels[0], levels[0]] : levels;
  let path = `M0 ${height - drawn[0]}`;
  let flat = 0;
  for (let i = 1; i < drawn.length; i++) {
    const dy = drawn[i - 1] - drawn[i];
    if (dy === 0) {
      flat++;
      continue;
    }
    if (flat > 0) path += `h${flat}`;
    flat = 0;
    path += `l1 ${dy}`;
  }
  return flat > 0 ? `${path}h${flat}` : path;
}

/** A row's trend from its costs per bucket: its line and a label such as "Cost per day: $1.20 → $3.40". */
export function costTrend(costs: readonly number[], bucket: Bucket): Trend {
  const first = costs[0] ?? 0;
  const last = costs[costs.length - 1] ?? 0;
  const levels = sparkLevels(costs);
  return {
    path: sparkPath(levels),
    width: Math.max(1, levels.length - 1),
    label: `Cost per ${bucket}: ${formatUsd(first)} → ${formatUsd(last)}`,
  };
}
