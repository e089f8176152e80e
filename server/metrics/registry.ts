import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { APP_VERSION } from "@/lib/version";

// The metrics GET /api/metrics shows (README, Monitoring). Their own registry, not prom-client's global
// one, kept on globalThis: route handlers, pages and the start-up code are separate bundles in Next and
// must count into the same metrics.

export const LAST_UPLOAD_AGE = "ccs_last_upload_age_seconds";

function createMetrics() {
  const registry = new Registry();
  // The standard process_* and nodejs_* names, so stock Node.js dashboards work unchanged.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: "ccs_build_info",
    help: "The running version of Claude Code Stats (always 1).",
    labelNames: ["version"],
    registers,
  }).set({ version: APP_VERSION }, 1);
  return {
    registry,
    httpRequests: new Counter({
      name: "ccs_http_requests_total",
      help: "API requests answered, by route pattern, method and status.",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    httpDuration: new Histogram({
      name: "ccs_http_request_duration_seconds",
      help: "Time from an API request to its response's headers, by route pattern and method.",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    uploads: new Counter({
      name: "ccs_uploads_total",
      help: "Usage reports sent to POST /api/v1/usage, by outcome (accepted, dry_run, rejected, failed).",
      labelNames: ["outcome"],
      registers,
    }),
    uploadDays: new Counter({
      name: "ccs_upload_days_total",
      help: "Days of usage stored by accepted uploads (one per day entry of a report).",
      registers,
    }),
    telemetryRecords: new Counter({
      name: "ccs_telemetry_records_total",
      help: "OpenTelemetry records received (log records, metric points), by signal and outcome.",
      labelNames: ["signal", "outcome"],
      registers,
    }),
    alertDeliveries: new Counter({
      name: "ccs_alert_delivery_attempts_total",
      help: "Webhook delivery tries made by this server, by outcome (delivered, failed).",
      labelNames: ["outcome"],
      registers,
    }),
    databaseUp: new Gauge({
      name: "ccs_database_up",
      help: "Whether the database answered this scrape's queries (1) or not (0).",
      labelNames: ["driver"],
      registers,
    }),
    poolSize: new Gauge({
      name: "ccs_database_pool_max_connections",
      help: "Connections this server may open to the database (DATABASE_POOL_SIZE; 1 for PGlite).",
      registers,
    }),
    connections: new Gauge({
      name: "ccs_database_connections",
      help: "Connections to PostgreSQL from this app (every server on the database), by state.",
      labelNames: ["state"],
      registers,
    }),
    // Registered only while there is an upload: 0 would claim one arrived just now.
    lastUploadAge: new Gauge({
      name: LAST_UPLOAD_AGE,
      help: "Seconds since the newest stored upload arrived.",
      registers: [],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const store = globalThis as typeof globalThis & { __ccsMetrics?: Metrics };

export const metrics: Metrics = (store.__ccsMetrics ??= createMetrics());
