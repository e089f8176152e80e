import { ChartCard } from "./chart-card";
import { StackedBarChart } from "./stacked-bar-chart";
import { barsOf, type Bucket, type Point } from "@/lib/charts/buckets";
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
  const costBars = barsOf(cost, bucket, previous);
  const tokenBars = barsOf(tokens, bucket);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard title={`Cost per ${bucket}${suffix}`} table={{ ...costBars, keys, unit: "usd", labels }}>
        <StackedBarChart {...costBars} keys={keys} unit="usd" labels={labels} />
      </ChartCard>
      <ChartCard
        title={`Tokens per ${bucket}${suffix}${withoutCacheReads ? ", without cache reads" : ""}`}
        table={{ ...tokenBars, keys, unit: "tokens", labels }}
        actions={<TokenSwitch params={params} />}
      >
        <StackedBarChart {...tokenBars} keys={keys} unit="tokens" labels={labels} />
      </ChartCard>
    </div>
  );
}
