import "server-only";
import { limits as rateLimits } from "@/db/rate-limits";
import { uploadLimits } from "@/db/team-settings";
import { ingestUsage, type IngestResult } from "@/db/upload";
import { parseReport } from "@/lib/ccusage/parse";
import { AppError } from "@/lib/errors";
import { requireUploadFor, type Person } from "@/lib/principal";
import type { UploadParams } from "@/lib/upload-params";
import { checkBudgetsAfterResponse } from "./budget-checks";
import { teamSettings } from "./queries";

/**
 * The upload service (POST /api/v1/usage, from scripts and the upload page): rate limit, authorize,
 * validate the report, ingest. `rateKey` identifies the credential (one key, or one signed-in session).
 */
export async function uploadReport(input: {
  by: Person;
  rateKey: string;
  params: UploadParams;
  /** Reads the report, refusing more than `maxBytes`; called only once the cheap checks have passed. */
  readJson: (maxBytes: number) => Promise<unknown>;
}): Promise<IngestResult> {
  const { by, params } = input;
  const limits = uploadLimits(await teamSettings());
  const limit = await rateLimits.uploads.hit(input.rateKey, limits.ratePerMinute);
  if (!limit.ok) {
    throw new AppError("rate_limited", `Too many uploads: try again in ${limit.retryAfterSeconds} s.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  requireUploadFor(by, params.user); // before reading the body
  const json = await input.readJson(limits.maxBytes);
  const result = await ingestUsage({
    by,
    targetUsername: params.user,
    machine: params.machine,
    report: parseReport(json),
    mode: params.mode,
    dryRun: params.dryRun,
  });
  if (!params.dryRun) checkBudgetsAfterResponse(); // committed: budgets may have crossed a threshold
  return result;
}
