"use server";

import { z } from "zod";
import { addWebhook, deleteWebhook, sendTestAlert } from "@/db/alerts/webhooks";
import { WEBHOOK_FORMATS } from "@/db/schema";
import { webhookSecretSchema, webhookUrlSchema } from "@/lib/webhooks/url";
import { action } from "@/server/action";
import { wakeServerWorker } from "@/server/alerts/worker";

// Settings → Alerts: the wrapper refuses non-admins, and the data functions check the role again.

const webhookId = z.object({ id: z.coerce.number().int().positive() });

export const adminAddWebhook = action(
  "admin",
  z.object({
    url: webhookUrlSchema,
    format: z.enum(WEBHOOK_FORMATS, `must be one of ${WEBHOOK_FORMATS.join(", ")}`),
    secret: z.union([z.literal(""), webhookSecretSchema]),
    digest: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
  }),
  async (input, { viewer }) => {
    const hook = await addWebhook(viewer, input);
    return { message: `Added webhook ${hook.id} (${hook.url}).` };
  },
);

export const adminDeleteWebhook = action("admin", webhookId, async (input, { viewer }) => {
  const hook = await deleteWebhook(viewer, input.id);
  return { message: `Deleted webhook ${hook.id} (${hook.url}).` };
});

export const adminTestWebhook = action("admin", webhookId, async (input, { viewer }) => {
  await sendTestAlert(viewer, input.id);
  wakeServerWorker();
  return { message: "Test alert queued: it is sent within seconds (see Deliveries)." };
});
