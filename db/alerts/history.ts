import { desc, eq, inArray, lte, sql } from "drizzle-orm";
import { titleAndText } from "@/lib/webhooks/request";
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

const SHOWN_TRIES = 5;

/** The latest deliveries, newest first, each with its latest tries (newest first) and how many it had. */
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
      alertPayload: alerts.payload,
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
  // A delivery retried for a day has ~100 tries: each shows its latest few (and how many there were).
  const ranked = db
    .select({
      deliveryId: webhookAttempts.deliveryId,
      startedAt: webhookAttempts.startedAt,
      durationMs: webhookAttempts.durationMs,
      status: webhookAttempts.status,
      error: webhookAttempts.error,
      n: sql<number>`row_number() over (partition by ${webhookAttempts.deliveryId} order by ${webhookAttempts.id} desc)`.as(
        "n",
      ),
    })
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, ids.length ? ids : [0]))
    .as("ranked");
  const tries = ids.length
    ? await db.select().from(ranked).where(lte(ranked.n, SHOWN_TRIES)).orderBy(ranked.n)
    : [];
  const byDelivery = new Map<number, typeof tries>();
  for (const t of tries) byDelivery.set(t.deliveryId, [...(byDelivery.get(t.deliveryId) ?? []), t]);
  return rows.map(({ url, alertPayload, ...r }) => ({
    ...r,
    webhookUrl: redactUrl(url),
    alertTitle: titleAndText({ kind: r.alertKind, payload: alertPayload as Record<string, unknown> }).title,
    attempts: (byDelivery.get(r.id) ?? []).map(({ startedAt, durationMs, status, error }) => ({
      startedAt,
      durationMs,
      status,
      error,
    })),
  }));
}

/** The latest alerts raised, newest first. */
export async function listAlerts(by: Principal, limit = 50) {
  requireAdmin(by);
  const db = await getDb();
  const rows = await db.select().from(alerts).orderBy(desc(alerts.id)).limit(limit);
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    threshold: a.threshold,
    periodStart: a.periodStart,
    ...titleAndText({ kind: a.kind, payload: a.payload as Record<string, unknown> }),
    createdAt: a.createdAt,
  }));
}
