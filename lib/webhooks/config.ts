import { z } from "zod";

// The delivery worker's settings (README, Alerts): tests shorten them through the environment.
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

export function readAlertsConfig(env: Record<string, string | undefined> = process.env): AlertsConfig {
  const parsed = alertsEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  return { pollIntervalMs: parsed.data.ALERTS_POLL_INTERVAL_MS, timeoutMs: parsed.data.WEBHOOK_TIMEOUT_MS };
}
