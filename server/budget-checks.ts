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
  __ccsBudgetCheck?: { running: Promise<void> | null; again: boolean };
};

/** Runs a check now, or once more after the one running; resolves when the work it asked for is done. */
export function checkBudgetsNow(): Promise<void> {
  const s = (state.__ccsBudgetCheck ??= { running: null, again: false });
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = (async () => {
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
    s.running = null;
  })();
  return s.running;
}

/** After the current request has been answered (or at once outside a request, e.g. at start-up). */
export function checkBudgetsAfterResponse() {
  try {
    // Asks for the check without waiting on it: under steady telemetry the check loop never ends, and
    // every request whose `after` awaited it stayed in memory until it did.
    after(() => void checkBudgetsNow());
  } catch {
    void checkBudgetsNow();
  }
}

/** The safety net: soon after start, then every INTERVAL_MS. */
export function scheduleBudgetChecks() {
  setTimeout(() => void checkBudgetsNow(), 30_000).unref();
  setInterval(() => void checkBudgetsNow(), INTERVAL_MS).unref();
}
