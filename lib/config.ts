import path from "node:path";
import { z } from "zod";

// Environment is read through these functions (not at import time) so tests and the CLI can set it first.

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().trim().default("data"),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_CONNECT_TIMEOUT_S: positiveInt(10),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(30_000),
});

export interface DatabaseConfig {
  /** postgres:// URL, or undefined for the embedded PGlite database. */
  url: string | undefined;
  /** Absolute path of the data directory (PGlite files, generated secrets). */
  dataDir: string;
  poolSize: number;
  connectTimeoutSeconds: number;
  statementTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

function parseEnv<T>(schema: z.ZodType<T>, env: Env): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

export function readDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const e = parseEnv(databaseEnv, env);
  return {
    url: e.DATABASE_URL,
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), e.DATA_DIR || "data"),
    poolSize: e.DATABASE_POOL_SIZE,
    connectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_S,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

const uploadEnv = z.object({
  UPLOAD_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(30),
  UPLOAD_RETENTION_DAYS: z.coerce.number().int().nonnegative().default(90),
});

export interface UploadConfig {
  maxBytes: number;
  /** Uploads per key per minute; 0 turns the limit off. */
  ratePerMinute: number;
  /** Days a stored copy of an uploaded report is kept; 0 keeps them forever. */
  retentionDays: number;
}

export function readUploadConfig(env: Env = process.env): UploadConfig {
  const e = parseEnv(uploadEnv, env);
  return {
    maxBytes: e.UPLOAD_MAX_BYTES,
    ratePerMinute: e.UPLOAD_RATE_LIMIT_PER_MINUTE,
    retentionDays: e.UPLOAD_RETENTION_DAYS,
  };
}

// Off by default: gzip costs the app server's one thread more per response than many queries (README,
// Performance); the TLS-terminating proxy every deployment needs compresses off that thread.
const httpEnv = z.object({
  HTTP_COMPRESSION: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off"),
});

/** Whether the app server gzips its own responses (read by next.config.ts when the server starts). */
export function readHttpCompression(env: Env = process.env): boolean {
  return parseEnv(httpEnv, env).HTTP_COMPRESSION === "on";
}

/**
 * The largest body a server action or a sign-in may send: their forms hold a few short fields (uploads go
 * to the API, which has its own limit). Checked before anything reads or parses the body.
 */
export const FORM_MAX_BYTES = 64 * 1024;

const telemetryEnv = z.object({
  TELEMETRY_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  TELEMETRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(2400),
  TELEMETRY_RETENTION_DAYS: positiveInt(30),
});

export interface TelemetryConfig {
  /** Largest export, compressed and after decompressing alike. */
  maxBytes: number;
  /** Exports per key per minute; 0 turns the limit off. A team key serves every machine of the team. */
  ratePerMinute: number;
  /** Days raw events and metric points are kept (to count each once, and for admins to inspect). */
  retentionDays: number;
}

export function readTelemetryConfig(env: Env = process.env): TelemetryConfig {
  const e = parseEnv(telemetryEnv, env);
  return {
    maxBytes: e.TELEMETRY_MAX_BYTES,
    ratePerMinute: e.TELEMETRY_RATE_LIMIT_PER_MINUTE,
    retentionDays: e.TELEMETRY_RETENTION_DAYS,
  };
}

// Off (0, forever) by default: the log is a few rows per admin action, and it is the record of who did
// what, so deleting it is the team's choice, not an upgrade's.
const auditEnv = z.object({
  AUDIT_RETENTION_DAYS: z.coerce.number().int().nonnegative().max(36_500).default(0),
});

/** Days audit log entries are kept by default; 0 keeps them forever. */
export function readAuditRetentionDays(env: Env = process.env): number {
  return parseEnv(auditEnv, env).AUDIT_RETENTION_DAYS;
}

// The alert delivery worker's settings (README, Alerts): tests shorten them through the environment.
const alertsEnv = z.object({
  ALERTS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export interface AlertsConfig {
  /** How often each server looks for due deliveries (and whether the weekly digest is due). */
  pollIntervalMs: number;
  /** How long one try may take before it counts as failed. */
  timeoutMs: number;
}

export function readAlertsConfig(env: Env = process.env): AlertsConfig {
  const e = parseEnv(alertsEnv, env);
  return { pollIntervalMs: e.ALERTS_POLL_INTERVAL_MS, timeoutMs: e.WEBHOOK_TIMEOUT_MS };
}

// GET /api/metrics is off unless a token is set (README, Monitoring): it tells whoever reads it how busy
// the team is, so it is never open.
const metricsEnv = z.object({
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** The bearer token a scraper must send to GET /api/metrics; undefined turns the endpoint off. */
export function readMetricsToken(env: Env = process.env): string | undefined {
  return parseEnv(metricsEnv, env).METRICS_TOKEN;
}
