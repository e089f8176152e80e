// Number formatting for pages: one place, so every page shows the same figure the same way.

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const formatUsd = (value: number) => usd.format(value);
export const formatInteger = (value: number) => integer.format(value);
/** 1234567 -> "1.2M": for token counts where the exact figure is in a tooltip or table. */
export const formatCompact = (value: number) => compact.format(value);

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** A relative change as "+12%" or "−3.5%" (a true minus sign). */
export const formatChange = (change: number) =>
  `${change >= 0 ? "+" : "−"}${Math.abs(change * 100).toFixed(change !== 0 && Math.abs(change) < 0.1 ? 1 : 0)}%`;
export const formatPercent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;

/** A moment as "2026-12-01 14:05 UTC"; `none` when there is none. */
export const formatTime = (time: Date | null, none = "-") =>
  time ? `${time.toISOString().slice(0, 16).replace("T", " ")} UTC` : none;
