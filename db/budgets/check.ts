import { alertPayload, FORECAST_ALERT_FROM_DAY, monthOf, reached, type BudgetStatus } from "@/lib/budgets";
import { raiseAlert, type NewAlert } from "../alerts/raise";
import { getDb } from "../index";
import { getBudgetStatuses } from "./status";

// Budget alerts: each threshold once per budget and month, and the forecast once per month. Only the
// current month (in the team's timezone) is checked: a late upload for last month raises nothing. The
// alerts' unique key makes raising idempotent, so any number of servers, uploads and retries may check
// at once; this only decides what is due.

export interface RaisedAlert {
  id: number;
  budgetId: number;
  kind: "threshold" | "forecast";
  threshold: number;
}

/** The alerts `status` calls for that were not raised yet this month. */
export function dueAlerts(status: BudgetStatus): NewAlert[] {
  const month = monthOf(status.today);
  const due: NewAlert[] = status.thresholds
    .filter((t) => !status.raised.thresholds.includes(t) && reached(status.spendUsd, status.monthlyUsd, t))
    .map((t) => ({
      budgetId: status.id,
      kind: "threshold",
      threshold: t,
      periodStart: month.first,
      payload: alertPayload(status, "threshold", t),
    }));
  if (
    !status.raised.forecast &&
    month.elapsed >= FORECAST_ALERT_FROM_DAY &&
    reached(status.forecastUsd, status.monthlyUsd, 100)
  ) {
    due.push({
      budgetId: status.id,
      kind: "forecast",
      threshold: 0,
      periodStart: month.first,
      payload: alertPayload(status, "forecast", 100),
    });
  }
  return due;
}

/**
 * Evaluates every budget for the current month and raises the alerts that are due (queuing their webhook
 * deliveries in the same transaction). Reading is one statement; nothing is written when nothing is due.
 * Returns the alerts this call raised (not those another server raised first).
 */
export async function checkBudgets({ now = new Date() }: { now?: Date } = {}): Promise<RaisedAlert[]> {
  const due = (await getBudgetStatuses({}, now)).flatMap(dueAlerts);
  if (due.length === 0) return [];
  const db = await getDb();
  // One order everywhere (budgets by scope and name, thresholds ascending): concurrent checks wait on
  // each other's inserts instead of deadlocking.
  return db.transaction(async (tx) => {
    const raised: RaisedAlert[] = [];
    for (const alert of due) {
      const id = await raiseAlert(tx, alert);
      if (id !== null)
        raised.push({
          id,
          budgetId: alert.budgetId!,
          kind: alert.kind as RaisedAlert["kind"],
          threshold: alert.threshold,
        });
    }
    return raised;
  });
}
