import { formatCompact, formatInteger, formatUsd } from "@/lib/format";
import { stepDecimals } from "@/lib/charts/ticks";

/** How a chart's values read: dollars, or counts (tokens, people, sessions, lines). */
export type Unit = "usd" | "tokens" | "count";

export const formatValue = (unit: Unit, value: number) =>
  unit === "usd" ? formatUsd(value) : formatInteger(value);
/** An axis tick: compact from a thousand up ($1.5K, 2M), below it with the decimals its step needs ($0.25). */
export function formatTick(unit: Unit, value: number, step: number): string {
  // Trailing zeros go: $0, $2.5, $5, not $0.0, $2.5, $5.0.
  const text = value >= 1000 ? formatCompact(value) : String(Number(value.toFixed(stepDecimals(step))));
  return unit === "usd" ? `$${text}` : text;
}
