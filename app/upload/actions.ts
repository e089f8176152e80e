"use server";

import { z } from "zod";
import { authenticateApiKey } from "@/db/api-keys";
import { action } from "@/lib/action";
import { readUploadConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { parseJson } from "@/lib/http";
import { uploadReport } from "@/lib/upload";
import { uploadParamsSchema } from "@/lib/upload-params";

const uploadFormSchema = uploadParamsSchema.pick({ machine: true, mode: true }).extend({
  key: z.string().trim().min(1, "Enter your upload key."),
  report: z.string().trim().min(1, "Choose a file or paste a report."),
  dryRun: z.boolean(),
});

/** The upload page's action: the same upload service (and ingest) as POST /api/v1/usage. */
export const uploadUsage = action(uploadFormSchema, async (input) => {
  // Until sign-in exists the page authenticates with the member's upload key, like the API.
  const owner = await authenticateApiKey(input.key);
  if (!owner) throw new AppError("unauthorized", "This key is not valid: it is unknown, revoked or expired.");
  const { maxBytes } = readUploadConfig();
  if (Buffer.byteLength(input.report) > maxBytes) {
    throw new AppError("payload_too_large", `The report is larger than the ${formatBytes(maxBytes)} limit.`);
  }
  return uploadReport({
    uploader: owner,
    rateKey: `key:${owner.keyId}`,
    params: { machine: input.machine, mode: input.mode, dryRun: input.dryRun },
    readJson: async () => parseJson(input.report),
  });
});
