import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { readDatabaseMetrics } from "@/db/metrics";
import { readMetricsToken } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { errorResponse } from "../http";
import { LAST_UPLOAD_AGE, metrics } from "./registry";

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(request: Request, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // Digests have one length, so neither the comparison nor its early length check says anything.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(token));
}

/** Sets the gauges read from the database at each scrape. */
async function readDatabaseGauges() {
  const readings = await readDatabaseMetrics();
  const { databaseUp, poolSize, connections, lastUploadAge, registry } = metrics;
  databaseUp.reset();
  databaseUp.set({ driver: readings.driver }, readings.up ? 1 : 0);
  poolSize.set(readings.poolSize);
  connections.reset();
  const age = readings.up ? readings.lastUploadAgeSeconds : null;
  if (readings.up) for (const c of readings.connections) connections.set({ state: c.state }, c.count);
  if (age === null) {
    registry.removeSingleMetric(LAST_UPLOAD_AGE);
  } else {
    if (!registry.getSingleMetric(LAST_UPLOAD_AGE)) registry.registerMetric(lastUploadAge);
    lastUploadAge.set(age);
  }
}

/**
 * GET /api/metrics: 404 unless METRICS_TOKEN is set (the endpoint is off), 401 without that token, else
 * every metric in Prometheus's text format.
 */
export async function metricsResponse(
  request: Request,
  env: Record<string, string | undefined> = process.env,
): Promise<Response> {
  try {
    const token = readMetricsToken(env);
    if (!token)
      throw new AppError(
        "not_found",
        "Metrics are off: set METRICS_TOKEN to turn them on (README, Monitoring).",
      );
    if (!bearerMatches(request, token))
      throw new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.");
    await readDatabaseGauges();
    return new Response(await metrics.registry.metrics(), {
      headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
