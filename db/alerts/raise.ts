import { sql } from "drizzle-orm";
import type { Db } from "../client";
import type { AlertKind } from "../schema";
import { selectRows } from "../sql";

export interface NewAlert {
  budgetId: number | null;
  kind: Exclude<AlertKind, "test">;
  /** Percent of the budget for threshold alerts; 0 otherwise. */
  threshold: number;
  /** The month's first day (budgets) or the week's Monday (digests), YYYY-MM-DD in the team's timezone. */
  periodStart: string;
  payload: Record<string, unknown>;
}

/**
 * Records an alert and queues it for every webhook (digests: those that asked for them), in one statement
 * of the caller's transaction, unless that alert was raised before: the alerts' unique key makes this a
 * no-op the second time, on any server. Returns the new alert's id, or null when it already existed.
 */
export async function raiseAlert(tx: Db, alert: NewAlert): Promise<number | null> {
  const [row] = await selectRows(
    tx,
    { id: "number" },
    sql`with raised as (
          insert into alerts (budget_id, kind, threshold, period_start, payload)
          values (${alert.budgetId}, ${alert.kind}, ${alert.threshold}, ${alert.periodStart}::date,
                  ${JSON.stringify(alert.payload)}::jsonb)
          on conflict (coalesce(budget_id, 0), kind, threshold, period_start) where kind <> 'test' do nothing
          returning id
        ), queued as (
          insert into webhook_deliveries (webhook_id, alert_id)
          select webhooks.id, raised.id from webhooks, raised
          where ${alert.kind} <> 'digest' or webhooks.digest
        )
        select id from raised`,
  );
  return row?.id ?? null;
}
