/** How often an open dashboard may re-read its data (`?refresh=5m`, as in Grafana); off unless asked. */
export const REFRESH_INTERVALS = ["1m", "5m", "15m"] as const;
export type RefreshInterval = (typeof REFRESH_INTERVALS)[number];

export const refreshMilliseconds = (interval: RefreshInterval) => Number.parseInt(interval, 10) * 60_000;
