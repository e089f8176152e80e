import { ChartCard } from "./chart-card";
import { StackedBarChart } from "./stacked-bar-chart";
import { chartOf, type Bucket, type Point } from "@/lib/charts/buckets";
import { TokenSwitch } from "./token-switch";

/** Cost and tokens per day, week or month side by side, stacked by the same keys. */
export function CostTokenCharts({
  keys,
  cost,
  tokens,
  labels,
  bucket = "day",
  suffix = "",
  previous,
  params,
}: {
  keys: string[];
  cost: Point[];
  tokens: Point[];
  /** What the keys are called on screen (models by their readable names). */
  labels?: Record<string, string>;
  bucket?: Bucket;
  suffix?: string;
  /** The previous period's cost per day, drawn on the cost chart. */
  previous?: number[] | null;
  /** The page's URL parameters, for the tokens chart's switch. */
  params: Record<string, string | undefined>;
}) {
  const withoutCacheReads = params.tokens === "no-cache-reads";
  const costChart = chartOf({ points: cost, keys, labels }, bucket, previous);
  const tokenChart = chartOf({ points: tokens, keys, labels }, bucket);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard title={`Cost per ${bucket}${suffix}`} table={{ ...costChart, unit: "usd" }}>
        <StackedBarChart {...costChart} unit="usd" />
      </ChartCard>
      <ChartCard
        title={`Tokens per ${bucket}${suffix}${withoutCacheReads ? ", without cache reads" : ""}`}
        table={{ ...tokenChart, unit: "tokens" }}
        actions={<TokenSwitch params={params} />}
      >
        <StackedBarChart {...tokenChart} unit="tokens" />
      </ChartCard>
    </div>
  );
}
