import "server-only";
import { uploadLimits } from "@/db/team-settings";
import { teamSettings } from "./queries";
import { ingestUsage, type IngestInput, type IngestResult } from "@/db/upload";
import { parseReport } from "@/lib/ccusage/parse";
import { AppError } from "@/lib/errors";
import { limits as rateLimits } from "@/lib/rate-limit";
import type { UploadParams } from "@/lib/upload-params";

/**
 * The upload service behind both the API and the upload page: rate limit, authorize, validate the
 * report, ingest. `rateKey` identifies the credential (one key, or one signed-in session).
 */
export async function uploadReport(input: {
  uploader: IngestInput["uploader"];
  rateKey: string;
  params: UploadParams;
  /** Reads the report, refusing more than `maxBytes`; called only once the cheap checks have passed. */
  readJson: (maxBytes: number) => Promise<unknown>;
}): Promise<IngestResult> {
  const { uploader, params } = input;
  const limits = uploadLimits(await teamSettings());
  const limit = rateLimits.uploads.hit(input.rateKey, limits.ratePerMinute);
  if (!limit.ok) {
    throw new AppError("rate_limited", `Too many uploads: try again in ${limit.retryAfterSeconds} s.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  if (params.user && params.user !== uploader.username && uploader.role !== "admin") {
    throw new AppError("forbidden", "Only admins may upload for another user (?user=).");
  }
  const json = await input.readJson(limits.maxBytes);
  return ingestUsage({
    uploader,
    targetUsername: params.user,
    machine: params.machine,
    report: parseReport(json),
    mode: params.mode,
    dryRun: params.dryRun,
  });
}
