import { getDb, type Db } from "@/db";
import { deliverDue } from "@/db/alerts/deliver";
import { raiseWeeklyDigest } from "@/db/alerts/digest";
import { loggable } from "@/lib/errors";
import { readAlertsConfig } from "@/lib/config";
import type { RetryPolicy } from "@/lib/webhooks/retry";
import { countDeliveries } from "../metrics/count";

// Each server process runs one delivery worker: every poll interval it sends what is due in the outbox
// (db/alerts/deliver.ts; the claim keeps servers from sending the same delivery) and raises the weekly
// digest when it is due. Nothing lives in memory: a restarted server carries on from the database.

export interface WorkerOptions {
  db?: () => Promise<Db>;
  pollIntervalMs?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
  batch?: number;
  /** Whether this worker raises the weekly digest (default true). */
  digest?: boolean;
}

export interface DeliveryWorker {
  /** One round now: send what is due, then the digest. Resolves to the number of tries made. */
  tick(): Promise<number>;
  /** Look for due deliveries now rather than at the next poll (a test alert was just queued). */
  wake(): void;
  /** Stops polling and waits for a round under way. */
  stop(): Promise<void>;
}

const LOG_EVERY_MS = 60_000;
// A digest falls due once a week (or when a webhook first asks for one): a minute's delay is nothing.
const DIGEST_EVERY_MS = 60_000;

export function startDeliveryWorker(options: WorkerOptions = {}): DeliveryWorker {
  const config = readAlertsConfig();
  const pollIntervalMs = options.pollIntervalMs ?? config.pollIntervalMs;
  const batch = options.batch ?? 20;
  const open = options.db ?? getDb;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;
  let lastLogged = 0;
  let digestChecked = 0;
  // Woken during a round (a test alert queued after its claim): run another round straight after.
  let again = false;

  const round = async (): Promise<number> => {
    again = false;
    const db = await open();
    const tried = await deliverDue(db, {
      batch,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      retry: options.retry,
    });
    countDeliveries(tried);
    if (options.digest !== false && Date.now() - digestChecked >= DIGEST_EVERY_MS) {
      digestChecked = Date.now();
      await raiseWeeklyDigest(db);
    }
    return tried.length;
  };

  const tick = (): Promise<number> => {
    // One round at a time per process; a second caller shares the round under way.
    running ??= round().finally(() => (running = undefined));
    return running;
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(loop, ms).unref();
  };

  async function loop() {
    let tried = 0;
    try {
      tried = await tick();
    } catch (error) {
      // The database may be down for a while (PostgreSQL restarting): say so once a minute, not per poll.
      if (Date.now() - lastLogged > LOG_EVERY_MS) {
        lastLogged = Date.now();
        console.error("[alerts] could not deliver webhooks:", loggable(error));
      }
    }
    // A full batch means more may be due: carry on at once.
    schedule(tried >= batch || again ? 0 : pollIntervalMs);
  }

  schedule(0);
  return {
    tick,
    wake() {
      again = true;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

const store = globalThis as typeof globalThis & { __ccsDeliveryWorker?: DeliveryWorker };

/** Starts this process's worker once (server start-up); later calls return it. */
export function startServerWorker(): DeliveryWorker {
  store.__ccsDeliveryWorker ??= startDeliveryWorker();
  return store.__ccsDeliveryWorker;
}

/** Asks this process's worker, if it runs, to look for due deliveries now. */
export function wakeServerWorker() {
  store.__ccsDeliveryWorker?.wake();
}
