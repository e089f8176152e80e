import { SPARK, sparkPoints, type Trend } from "@/lib/charts/spark";

/** A row's cost trend as a tiny line: plain SVG with no script, named for screen readers by its label. */
export function SparkLine({ trend }: { trend: Trend }) {
  const { width, height } = SPARK;
  return (
    <svg
      role="img"
      aria-label={trend.label}
      data-testid="spark"
      width={width}
      height={height}
      viewBox={`-1 -1 ${width + 2} ${height + 2}`}
      className="inline-block align-middle text-sky-600 dark:text-sky-400"
    >
      <title>{trend.label}</title>
      <polyline
        points={sparkPoints(trend.levels)}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
