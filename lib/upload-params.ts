import { z } from "zod";
import { formatPath } from "./ccusage/parse";
import { AppError } from "./errors";
import { usernameSchema } from "./username";

/** A machine label: what `$(hostname)` gives, up to 64 printable characters; none means "default". */
export const machineSchema = z
  .string()
  .trim()
  .max(64, "must be at most 64 characters")
  .regex(/^[^\p{C}]*$/u, "must contain only printable characters")
  .transform((name) => name || "default");

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""], "must be 1 or 0")
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const uploadParamsSchema = z.object({
  user: usernameSchema.optional(),
  machine: machineSchema,
  mode: z.enum(["merge", "replace"], 'must be "merge" or "replace"').default("merge"),
  dryRun: flag.default(false),
});
export type UploadParams = z.infer<typeof uploadParamsSchema>;

/** Reads ?user, ?machine (or the X-Machine-Id header), ?mode and ?dryRun; 422 naming the bad one. */
export function parseUploadParams(url: URL, headers: Headers): UploadParams {
  const q = url.searchParams;
  const result = uploadParamsSchema.safeParse({
    user: q.get("user") ?? undefined,
    machine: headers.get("x-machine-id") ?? q.get("machine") ?? "",
    mode: q.get("mode") ?? undefined,
    dryRun: q.get("dryRun") ?? q.get("dryrun") ?? undefined,
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const list = problems.map((p) => `${p.path} ${p.message}`).join("; ");
  throw new AppError("invalid", `Invalid upload parameters: ${list}.`, { problems });
}
