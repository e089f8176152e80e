import { ChartCard } from "./chart-card";
import { StackedBarChart, type ChartPoint } from "./stacked-bar-chart";

/** Daily cost and daily tokens side by side, stacked by the same keys. */
export function CostTokenCharts({
  keys,
  cost,
  tokens,
  labels,
  suffix = "",
}: {
  keys: string[];
  cost: ChartPoint[];
  tokens: ChartPoint[];
  /** What the keys are called on screen (models by their readable names). */
  labels?: Record<string, string>;
  suffix?: string;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard title={`Daily cost${suffix}`} table={{ keys, points: cost, unit: "usd", labels }}>
        <StackedBarChart keys={keys} points={cost} unit="usd" labels={labels} />
      </ChartCard>
      <ChartCard title={`Daily tokens${suffix}`} table={{ keys, points: tokens, unit: "tokens", labels }}>
        <StackedBarChart keys={keys} points={tokens} unit="tokens" labels={labels} />
      </ChartCard>
    </div>
  );
}
