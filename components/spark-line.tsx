import { SPARK, type Trend } from "@/lib/charts/spark";

/**
 * A row's cost trend as a tiny line: plain SVG with no script, named for screen readers (and on hover) by
 * its title. Sized and drawn by `.spark` in globals.css, as a hundred of them go into one page.
 */
export function SparkLine({ trend }: { trend: Trend }) {
  return (
    <svg
      role="img"
      data-testid="spark"
      className="spark"
      viewBox={`0 0 ${trend.width} ${SPARK.height}`}
      preserveAspectRatio="none"
    >
      <title>{trend.label}</title>
      <path d={trend.path} />
    </svg>
  );
}
