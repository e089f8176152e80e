import "server-only";
import type { IngestResult } from "@/db/upload";
import type { Recorded } from "@/db/telemetry";
import { AppError } from "@/lib/errors";
import type { Signal } from "@/lib/otel/records";
import { metrics } from "./registry";

// The counters the upload, telemetry and alert paths bump, one call each.

/** A stored upload (its days) or a dry run. */
export function countUpload(result: IngestResult) {
  metrics.uploads.inc({ outcome: result.dryRun ? "dry_run" : "accepted" });
  if (!result.dryRun) metrics.uploadDays.inc(result.summary.days);
}

/** An upload not stored: refused (a 4xx: the key, the limit, the report) or failed (the server's fault). */
export function countUploadError(error: unknown) {
  const refused = error instanceof AppError && error.status < 500;
  metrics.uploads.inc({ outcome: refused ? "rejected" : "failed" });
}

/** Records of one OTLP export taken and refused. */
export function countTelemetry(signal: Signal, recorded: Recorded) {
  metrics.telemetryRecords.inc({ signal, outcome: "accepted" }, recorded.accepted);
  metrics.telemetryRecords.inc({ signal, outcome: "rejected" }, recorded.rejected);
}

/** One round of webhook tries. */
export function countDeliveries(tried: { result: { ok: boolean } }[]) {
  for (const { result } of tried)
    metrics.alertDeliveries.inc({ outcome: result.ok ? "delivered" : "failed" });
}
