import "server-only";
import { getDatabase } from "@/db";
import { pruneExpired } from "@/db/housekeeping";
import { syncPriceBook } from "@/db/prices";
import { checkBudgetsNow, scheduleBudgetChecks } from "./budget-checks";
import { resolveAuthSecret } from "@/lib/auth-secret";
import { readDatabaseConfig } from "@/lib/config";
import { DirLockedError } from "@/lib/dir-lock";
import { loggable } from "@/lib/errors";
import { startServerWorker } from "./alerts/worker";
import { trackStartup } from "./readiness";

const HOUR_MS = 3_600_000;

/**
 * Drops what is kept only for a while (db/housekeeping.ts): soon after start, then every hour, on every
 * server; a lock in the database lets one prune at a time.
 */
function scheduleHousekeeping() {
  const prune = () =>
    pruneExpired()
      .then(({ skipped, ...counts }) => {
        const pruned = Object.entries(counts).filter(([, n]) => n > 0);
        if (pruned.length)
          console.log(`[housekeeping] pruned ${pruned.map(([name, n]) => `${n} ${name}`).join(", ")}`);
        if (skipped) console.log("[housekeeping] another server is pruning: this one stopped");
      })
      .catch((error) => console.error("[housekeeping] could not prune:", loggable(error)));
  setTimeout(prune, 60_000).unref();
  setInterval(prune, HOUR_MS).unref();
}

/**
 * The price table in line with the app's price book, in the background: after an upgrade that brings new
 * prices (or the first start with prices), the days they apply to are rebuilt while the server serves.
 */
function syncPrices() {
  const started = Date.now();
  trackStartup("prices", syncPriceBook())
    .then((changed) => {
      if (changed.length) checkBudgetsNow(); // re-priced spend may cross a budget's threshold
      if (changed.length)
        console.log(
          `[prices] ${changed.length} price keys changed; their days rebuilt in ${Date.now() - started} ms`,
        );
    })
    .catch((error) => console.error("[prices] could not sync the price book:", loggable(error)));
}

/** Server start-up: settle the session secret, then open and migrate the database before the first request. */
export async function startServer() {
  scheduleHousekeeping();
  scheduleBudgetChecks();
  // Sends alerts to webhooks; it waits for the database itself if it is not up yet.
  startServerWorker();
  const config = readDatabaseConfig();
  process.env.AUTH_SECRET = resolveAuthSecret(config.dataDir);
  try {
    const database = await trackStartup("migrations", getDatabase());
    const where = database.driver === "postgres" ? "PostgreSQL" : `embedded PGlite in ${config.dataDir}`;
    console.log(`[db] ${where}: migrations applied`);
    syncPrices();
  } catch (error) {
    if (error instanceof DirLockedError) {
      // A second server on the same embedded database would corrupt it: refuse to run at all.
      console.error(`[db] ${error.message}`);
      process.exit(1);
    }
    // PostgreSQL may come up later: keep serving; /api/health reports 503 and requests retry.
    console.error("[db] could not open the database at start-up:", loggable(error));
  }
}
