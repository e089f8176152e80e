import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";

// Reading a metrics page the way Prometheus would, for the tests of GET /api/metrics.

export type Scrape = MetricFamily[];

/** Parses Prometheus's text format; throws on a line it cannot read. */
export function parseMetrics(text: string): Scrape {
  return parsePrometheusTextFormat(text);
}

/** The sum of `name`'s samples whose labels include `labels`; 0 when there is none (a counter not yet bumped). */
export function sampleValue(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = scrape.find((f) => f.name === name);
  return (family?.metrics ?? [])
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v))
    .reduce((sum, s) => sum + Number(s.value), 0);
}
