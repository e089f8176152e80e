import { formatCompact, formatInteger, formatUsd } from "@/lib/format";

export type Unit = "usd" | "tokens";

export const formatValue = (unit: Unit, value: number) =>
  unit === "usd" ? formatUsd(value) : formatInteger(value);
export const formatAxis = (unit: Unit, value: number) =>
  unit === "usd" ? `$${formatCompact(value)}` : formatCompact(value);
