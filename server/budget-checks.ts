import "server-only";
import { after } from "next/server";
import { checkBudgets } from "@/db/budgets/check";
import { loggable } from "@/lib/errors";

// When budgets are checked: after every change of spend (an upload, telemetry, a re-pricing, a budget
// set), once the request has answered, so uploads do not wait on it; and every few minutes on every
// server, so a check lost with a process that died right after its commit is made up for. Checks of one
// process never overlap: a request during a check asks for one more afterwards, at least MIN_GAP_MS after
// the last one began (a burst of uploads or telemetry costs a check every few seconds, not one each).

const INTERVAL_MS = 5 * 60_000;
const MIN_GAP_MS = 2_000;

// Per process, not per module: Next evaluates this module once per bundle.
const state = globalThis as typeof globalThis & {
  __ccsBudgetCheck?: { running: boolean; again: boolean };
};

/**
 * Runs a check now, or once more after the one running. Returns nothing to wait on: under steady uploads
 * or telemetry the checks never stop, and a request's `after` that awaited them stayed in memory as long.
 */
export function checkBudgetsNow(): void {
  const s = (state.__ccsBudgetCheck ??= { running: false, again: false });
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  void (async () => {
    for (let first = true; first || s.again; first = false) {
      const started = Date.now();
      s.again = false;
      try {
        await checkBudgets();
      } catch (error) {
        console.error("[budgets] could not check the budgets:", loggable(error));
      }
      if (s.again) await new Promise((resolve) => setTimeout(resolve, started + MIN_GAP_MS - Date.now()));
    }
    s.running = false;
  })();
}

/** After the current request has been answered (or at once outside a request, e.g. at start-up). */
export function checkBudgetsAfterResponse() {
  try {
    after(checkBudgetsNow);
  } catch {
    checkBudgetsNow();
  }
}

/** The safety net: soon after start, then every INTERVAL_MS. */
export function scheduleBudgetChecks() {
  setTimeout(checkBudgetsNow, 30_000).unref();
  setInterval(checkBudgetsNow, INTERVAL_MS).unref();
}
