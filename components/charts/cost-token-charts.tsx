import { ChartCard } from "./chart-card";
import { StackedBarChart, type ChartPoint } from "./stacked-bar-chart";
import type { Bucket } from "@/lib/charts/buckets";
import { TokenSwitch } from "./token-switch";

/** Cost and tokens per day, week or month side by side, stacked by the same keys. */
export function CostTokenCharts({
  keys,
  cost,
  tokens,
  labels,
  bucket,
  suffix = "",
  previous,
  params,
}: {
  keys: string[];
  cost: ChartPoint[];
  tokens: ChartPoint[];
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
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard
        title={`Cost per ${bucket ?? "day"}${suffix}`}
        table={{ keys, points: cost, unit: "usd", labels, bucket, previous }}
      >
        <StackedBarChart
          keys={keys}
          points={cost}
          unit="usd"
          labels={labels}
          bucket={bucket}
          previous={previous}
        />
      </ChartCard>
      <ChartCard
        title={`Tokens per ${bucket ?? "day"}${suffix}${withoutCacheReads ? ", without cache reads" : ""}`}
        table={{ keys, points: tokens, unit: "tokens", labels, bucket }}
        actions={<TokenSwitch params={params} />}
      >
        <StackedBarChart keys={keys} points={tokens} unit="tokens" labels={labels} bucket={bucket} />
      </ChartCard>
    </div>
  );
}
