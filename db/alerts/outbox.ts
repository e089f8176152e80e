import { sql } from "drizzle-orm";
import type { AttemptResult } from "@/lib/webhooks/send";
import type { OutgoingAlert, WebhookFormat } from "@/lib/webhooks/request";
import type { RetryPolicy } from "@/lib/webhooks/retry";
import { retryDelaySeconds } from "@/lib/webhooks/retry";
import type { Db } from "../client";
import { queryRows } from "../sql";

// The outbox's two statements: claim due deliveries (a lease, so only one server sends each), and record
// one try's outcome (delivered, or when to try again, or given up). All state is in the database: a
// restarted server picks up where any server left off. A server that dies mid-send leaves its claim to
// expire, after which the delivery is sent again: receivers may see an alert twice (dedupe on its id).

export interface ClaimedDelivery {
  id: number;
  tries: number;
  webhook: { id: number; url: string; format: WebhookFormat; secret: string | null };
  alert: OutgoingAlert;
}

type ClaimRow = {
  id: number | string;
  attempts: number;
  webhook_id: number;
  url: string;
  format: WebhookFormat;
  secret: string | null;
  alert_id: number | string;
  kind: string;
  threshold: number;
  period_start: string;
  created_at: string | Date;
  payload: Record<string, unknown> | string;
};

/**
 * Claims up to `limit` due deliveries for `leaseSeconds`: rows another server holds (locked now, or
 * leased and not expired) are skipped, never waited for. `only` restricts the claim to given deliveries
 * (the admin tool sending one test).
 */
export async function claimDeliveries(
  db: Db,
  options: { limit: number; leaseSeconds: number; only?: number[] },
): Promise<ClaimedDelivery[]> {
  const only = options.only ? sql`and id = any(${`{${options.only.join(",")}}`}::bigint[])` : sql``;
  const rows = await queryRows<ClaimRow>(
    db,
    sql`update webhook_deliveries d
        set claimed_until = now() + make_interval(secs => ${options.leaseSeconds})
        from webhooks w, alerts a
        where d.id in (
            select id from webhook_deliveries
            where state = 'pending' and next_attempt_at <= now()
              and (claimed_until is null or claimed_until < now()) ${only}
            order by next_attempt_at, id
            limit ${options.limit}
            for update skip locked)
          and w.id = d.webhook_id and a.id = d.alert_id
        returning d.id, d.attempts, w.id as webhook_id, w.url, w.format, w.secret, a.id as alert_id, a.kind,
          a.threshold, a.period_start::text as period_start, a.created_at, a.payload`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    tries: r.attempts,
    webhook: { id: r.webhook_id, url: r.url, format: r.format, secret: r.secret },
    alert: {
      id: Number(r.alert_id),
      kind: r.kind,
      threshold: r.threshold,
      periodStart: r.period_start,
      createdAt: new Date(r.created_at),
      payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
    },
  }));
}

/**
 * Records a try and settles the delivery: delivered on success; otherwise pending again after the
 * policy's delay, or failed once the next try would fall past the give-up time. Releases the claim.
 */
export async function recordAttempt(
  db: Db,
  delivery: Pick<ClaimedDelivery, "id" | "tries">,
  result: AttemptResult,
  policy: RetryPolicy,
): Promise<void> {
  const delay = retryDelaySeconds(delivery.tries + 1, policy);
  // One statement: the try is recorded only while the delivery exists and is pending (a webhook deleted
  // mid-send takes its deliveries with it).
  await db.execute(
    sql`with settled as (
          update webhook_deliveries
          set attempts = attempts + 1,
            claimed_until = null,
            last_error = ${result.error},
            delivered_at = case when ${result.ok} then now() end,
            next_attempt_at = now() + make_interval(secs => ${result.ok ? 0 : delay}),
            state = case
              when ${result.ok} then 'delivered'
              when now() + make_interval(secs => ${delay})
                > created_at + make_interval(secs => ${policy.giveUpAfterSeconds}) then 'failed'
              else 'pending' end::delivery_state
          where id = ${delivery.id} and state = 'pending'
          returning id)
        insert into webhook_attempts (delivery_id, started_at, duration_ms, status, error)
        select id, ${result.startedAt.toISOString()}::timestamptz, ${result.durationMs}::int, ${result.status}::int,
          ${result.error}::text
        from settled`,
  );
}
