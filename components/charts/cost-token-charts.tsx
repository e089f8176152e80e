import { ChartCard } from "./chart-card";
import { StackedBarChart, type ChartPoint } from "./stacked-bar-chart";
import type { Bucket } from "@/lib/charts/buckets";

/** Cost and tokens per day, week or month side by side, stacked by the same keys. */
export function CostTokenCharts({
  keys,
  cost,
  tokens,
  labels,
  bucket,
  suffix = "",
}: {
  keys: string[];
  cost: ChartPoint[];
  tokens: ChartPoint[];
  /** What the keys are called on screen (models by their readable names). */
  labels?: Record<string, string>;
  bucket?: Bucket;
  suffix?: string;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard
        title={`Cost per ${bucket ?? "day"}${suffix}`}
        table={{ keys, points: cost, unit: "usd", labels, bucket }}
      >
        <StackedBarChart keys={keys} points={cost} unit="usd" labels={labels} bucket={bucket} />
      </ChartCard>
      <ChartCard
        title={`Tokens per ${bucket ?? "day"}${suffix}`}
        table={{ keys, points: tokens, unit: "tokens", labels, bucket }}
      >
        <StackedBarChart keys={keys} points={tokens} unit="tokens" labels={labels} bucket={bucket} />
      </ChartCard>
    </div>
  );
}
