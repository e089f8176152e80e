import { formatCompact, formatInteger, formatUsd } from "@/lib/format";

/** How a chart's values read: dollars, or counts (tokens, people, sessions, lines). */
export type Unit = "usd" | "tokens" | "count";

export const formatValue = (unit: Unit, value: number) =>
  unit === "usd" ? formatUsd(value) : formatInteger(value);
export const formatAxis = (unit: Unit, value: number) =>
  unit === "usd" ? `$${formatCompact(value)}` : formatCompact(value);
