import { ChartCard } from "./chart-card";
import { StackedBarChart, type ChartPoint } from "./stacked-bar-chart";

/** Daily cost and daily tokens side by side, stacked by the same keys. */
export function CostTokenCharts({
  keys,
  cost,
  tokens,
  suffix = "",
}: {
  keys: string[];
  cost: ChartPoint[];
  tokens: ChartPoint[];
  suffix?: string;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard title={`Daily cost${suffix}`} table={{ keys, points: cost, unit: "usd" }}>
        <StackedBarChart keys={keys} points={cost} unit="usd" />
      </ChartCard>
      <ChartCard title={`Daily tokens${suffix}`} table={{ keys, points: tokens, unit: "tokens" }}>
        <StackedBarChart keys={keys} points={tokens} unit="tokens" />
      </ChartCard>
    </div>
  );
}
