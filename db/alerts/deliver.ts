import { webhookRequest } from "@/lib/webhooks/request";
import { DEFAULT_RETRY, type RetryPolicy } from "@/lib/webhooks/retry";
import { sendWebhook, type AttemptResult } from "@/lib/webhooks/send";
import type { Db } from "../client";
import { claimDeliveries, recordAttempt, type ClaimedDelivery } from "./outbox";

export interface DeliverOptions {
  /** Deliveries claimed (and sent at once) per round. */
  batch?: number;
  /** How long one try may take. */
  timeoutMs: number;
  retry?: RetryPolicy;
  /** Only these deliveries (the admin tool's test). */
  only?: number[];
}

/**
 * One round of the outbox: claims what is due, sends it all at once (each try within the timeout, so the
 * whole round ends well inside the claim's lease), and records every try. Returns what was tried.
 */
export async function deliverDue(
  db: Db,
  options: DeliverOptions,
): Promise<{ delivery: ClaimedDelivery; result: AttemptResult }[]> {
  // The lease outlives the slowest try by a minute: only a server that died mid-send lets it expire.
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 60;
  const claimed = await claimDeliveries(db, { limit: options.batch ?? 20, leaseSeconds, only: options.only });
  return Promise.all(
    claimed.map(async (delivery) => {
      const request = webhookRequest(delivery.alert, delivery.webhook);
      const result = await sendWebhook(delivery.webhook.url, request, options.timeoutMs);
      await recordAttempt(db, delivery, result, options.retry ?? DEFAULT_RETRY);
      return { delivery, result };
    }),
  );
}
