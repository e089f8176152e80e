import { eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { todayIn } from "@/lib/period";
import { auditName, requireAdmin, type Principal } from "@/lib/principal";
import { redactUrl } from "@/lib/webhooks/url";
import { writeAudit } from "../audit";
import { getDb } from "../index";
import { alerts, teamSettings, webhookDeliveries, webhooks, type WebhookFormat } from "../schema";

// Admins' webhooks: added, listed (never with their secret), deleted and tested. Every change is audited
// under the webhook's redacted URL.

/** A webhook as it is shown: the URL redacted, and only whether a secret is set. */
export interface WebhookView {
  id: number;
  url: string;
  format: WebhookFormat;
  hasSecret: boolean;
  digest: boolean;
  createdAt: Date;
}

/** A webhook as pages, the API and exports show it: the URL redacted, only whether a secret is set. */
export const toView = (w: typeof webhooks.$inferSelect): WebhookView => ({
  id: w.id,
  url: redactUrl(w.url),
  format: w.format,
  hasSecret: !!w.secret,
  digest: w.digest,
  createdAt: w.createdAt,
});

/** Adds a webhook; `url` and `secret` are validated by the caller (lib/webhooks/url.ts). */
export async function addWebhook(
  by: Principal,
  input: { url: string; format: WebhookFormat; secret?: string | null; digest: boolean },
): Promise<WebhookView> {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({ url: input.url, format: input.format, secret: input.secret || null, digest: input.digest })
      .returning();
    const view = toView(row);
    await writeAudit(tx, by, "webhook.add", view.url, {
      webhookId: row.id,
      format: row.format,
      digest: row.digest,
      secret: view.hasSecret,
    });
    return view;
  });
}

export async function listWebhooks(by: Principal): Promise<WebhookView[]> {
  requireAdmin(by);
  const db = await getDb();
  return (await db.select().from(webhooks).orderBy(webhooks.id)).map(toView);
}

async function requireWebhook(db: Awaited<ReturnType<typeof getDb>>, id: number) {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw new AppError("not_found", `No webhook with id ${id}.`);
  return row;
}

/** Deletes a webhook with its deliveries (the alerts stay). */
export async function deleteWebhook(by: Principal, id: number): Promise<WebhookView> {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning();
    if (!row) throw new AppError("not_found", `No webhook with id ${id}.`);
    const view = toView(row);
    await writeAudit(tx, by, "webhook.delete", view.url, { webhookId: id });
    return view;
  });
}

/**
 * Queues a test alert for one webhook only (test alerts are never unique): the alert and its one
 * delivery, which the delivery worker sends like any other. Returns the delivery's id.
 */
export async function sendTestAlert(
  by: Principal,
  id: number,
): Promise<{ alertId: number; deliveryId: number }> {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const hook = await requireWebhook(tx, id);
    const [team] = await tx.select().from(teamSettings).where(eq(teamSettings.id, 1));
    const who = auditName(by).name;
    const [alert] = await tx
      .insert(alerts)
      .values({
        kind: "test",
        periodStart: todayIn(team.timezone),
        payload: {
          title: `Test alert from ${team.teamName}`,
          text: `${who === "cli" ? "The admin tool" : who} sent this test: alerts reach this webhook.`,
        },
      })
      .returning();
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ webhookId: hook.id, alertId: alert.id })
      .returning({ id: webhookDeliveries.id });
    await writeAudit(tx, by, "webhook.test", redactUrl(hook.url), { webhookId: id, alertId: alert.id });
    return { alertId: alert.id, deliveryId: delivery.id };
  });
}
