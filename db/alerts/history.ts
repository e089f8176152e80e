import { desc, eq, inArray, sql } from "drizzle-orm";
import { requireAdmin, type Principal } from "@/lib/principal";
import { redactUrl } from "@/lib/webhooks/url";
import { getDb } from "../index";
import { alerts, webhookAttempts, webhookDeliveries, webhooks } from "../schema";

// What Settings → Alerts shows of the outbox: the latest deliveries with their tries, and the alerts.

export interface DeliveryView {
  id: number;
  webhookId: number;
  webhookUrl: string;
  alertId: number;
  alertKind: string;
  alertTitle: string;
  state: "pending" | "delivered" | "failed";
  tries: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  attempts: { startedAt: Date; durationMs: number; status: number | null; error: string | null }[];
}

/** The latest deliveries, newest first, each with its tries (newest first). */
export async function listDeliveries(by: Principal, limit = 50): Promise<DeliveryView[]> {
  requireAdmin(by);
  const db = await getDb();
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      url: webhooks.url,
      alertId: alerts.id,
      alertKind: alerts.kind,
      alertTitle: sql<string | null>`${alerts.payload}->>'title'`,
      state: webhookDeliveries.state,
      tries: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(alerts, eq(alerts.id, webhookDeliveries.alertId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  const ids = rows.map((r) => r.id);
  const tries = ids.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .orderBy(desc(webhookAttempts.id))
    : [];
  return rows.map(({ url, alertTitle, ...r }) => ({
    ...r,
    webhookUrl: redactUrl(url),
    alertTitle: alertTitle ?? `${r.alertKind} alert`,
    attempts: tries
      .filter((t) => t.deliveryId === r.id)
      .map((t) => ({ startedAt: t.startedAt, durationMs: t.durationMs, status: t.status, error: t.error })),
  }));
}

/** The latest alerts raised, newest first. */
export async function listAlerts(by: Principal, limit = 50) {
  requireAdmin(by);
  const db = await getDb();
  const rows = await db.select().from(alerts).orderBy(desc(alerts.id)).limit(limit);
  return rows.map((a) => {
    const payload = a.payload as { title?: unknown; text?: unknown };
    return {
      id: a.id,
      kind: a.kind,
      threshold: a.threshold,
      periodStart: a.periodStart,
      title: typeof payload.title === "string" ? payload.title : `${a.kind} alert`,
      text: typeof payload.text === "string" ? payload.text : "",
      createdAt: a.createdAt,
    };
  });
}
