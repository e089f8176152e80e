"use server";

import { z } from "zod";
import { action } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { parseJson } from "@/lib/http";
import { uploadReport } from "@/lib/upload";
import { uploadParamsSchema } from "@/lib/upload-params";

const uploadFormSchema = uploadParamsSchema.pick({ machine: true, mode: true }).extend({
  report: z.string().trim().min(1, "Choose a file or paste a report."),
  dryRun: z.boolean(),
});

/** The upload page's action, for the signed-in person: the same upload service and ingest as the API. */
export const uploadUsage = action("member", uploadFormSchema, async (input, { viewer }) => {
  return uploadReport({
    uploader: viewer,
    rateKey: `user:${viewer.id}`,
    params: { machine: input.machine, mode: input.mode, dryRun: input.dryRun },
    readJson: async (maxBytes) => {
      if (Buffer.byteLength(input.report) > maxBytes) {
        throw new AppError(
          "payload_too_large",
          `The report is larger than the ${formatBytes(maxBytes)} limit.`,
        );
      }
      return parseJson(input.report);
    },
  });
});
