import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { raiseAlert } from "@/db/alerts/raise";
import { webhookAttempts, webhookDeliveries, webhooks } from "@/db/schema";
import { readDatabaseConfig } from "@/lib/config";
import { describeEachDriver, openTestDatabase } from "@/test/database";
import { sampleValue, parseMetrics } from "@/test/prometheus";
import { startReceiver } from "@/test/webhook-receiver";
import { metrics } from "../metrics/registry";
import { startDeliveryWorker } from "./worker";

// The worker loop as servers run it: several at once on one database, and one started after a restart.

const fast = { delaysSeconds: [0.05], giveUpAfterSeconds: 3600 };
let day = 0;
const periodOf = () => new Date(Date.UTC(1902, 0, 1 + day++)).toISOString().slice(0, 10);

const raise = (database: Database) =>
  raiseAlert(database.db, {
    budgetId: null,
    kind: "forecast",
    threshold: 0,
    periodStart: periodOf(),
    payload: { title: "t", text: "x" },
  }).then((id) => id!);

async function waitFor(done: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachDriver("the delivery worker", ({ database }) => {
  it(
    "delivers each alert exactly once with two servers' workers running at once",
    { timeout: 60_000 },
    async () => {
      const one = database();
      // PostgreSQL: a second connection pool, as a second server has. PGlite has one process by design.
      const two = one.driver === "postgres" ? await openTestDatabase("postgres") : one;
      const receiver = await startReceiver(() => ({ delayMs: 20 }));
      const [hook] = await one.db.insert(webhooks).values({ url: receiver.url }).returning();
      try {
        const delivered = async () =>
          sampleValue(parseMetrics(await metrics.registry.metrics()), "ccs_alert_delivery_attempts_total", {
            outcome: "delivered",
          });
        const deliveredBefore = await delivered();
        const ids: number[] = [];
        for (let i = 0; i < 30; i++) ids.push(await raise(one));
        const options = { pollIntervalMs: 20, timeoutMs: 5000, batch: 4, digest: false } as const;
        const workers = [
          startDeliveryWorker({ ...options, db: async () => one.db }),
          startDeliveryWorker({ ...options, db: async () => two.db }),
        ];
        const mine = () => one.db.select().from(webhookDeliveries).where(and_(hook.id, ids));
        await waitFor(async () => (await mine()).every((d) => d.state === "delivered"), "all delivered");
        await new Promise((resolve) => setTimeout(resolve, 200)); // any duplicate would arrive by now
        await Promise.all(workers.map((w) => w.stop()));

        const received = receiver.received.map((r) => JSON.parse(r.body).id as number);
        expect(received.filter((id) => ids.includes(id)).sort((a, b) => a - b)).toEqual(ids);
        const deliveries = await mine();
        const tries = await one.db
          .select()
          .from(webhookAttempts)
          .where(
            inArray(
              webhookAttempts.deliveryId,
              deliveries.map((d) => d.id),
            ),
          );
        expect(tries).toHaveLength(30);
        expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
        // Counted for GET /api/metrics (at least these: deliveries other files left pending go out too).
        expect((await delivered()) - deliveredBefore).toBeGreaterThanOrEqual(30);
      } finally {
        await receiver.close();
        await one.db.delete(webhooks).where(eq(webhooks.id, hook.id));
        if (two !== one) await two.close();
      }
    },
  );

  it("carries on after a restart: a new worker sends what was pending", { timeout: 60_000 }, async () => {
    const driver = database().driver;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-restart-"));
    // PGlite: a database in a directory, closed and opened again; PostgreSQL: a pool closed, a new one.
    const open = () =>
      driver === "postgres"
        ? openTestDatabase("postgres")
        : openDatabase({ config: readDatabaseConfig({ DATA_DIR: dir }) });
    // Down at first (500), up after the restart.
    let up = false;
    const receiver = await startReceiver(() => ({ status: up ? 200 : 500 }));
    let before = await open();
    const [hook] = await before.db.insert(webhooks).values({ url: receiver.url }).returning();
    const alertId = await raise(before);
    const options = { pollIntervalMs: 20, timeoutMs: 5000, digest: false, retry: fast } as const;
    const first = startDeliveryWorker({ ...options, db: async () => before.db });
    await waitFor(() => receiver.received.some((r) => JSON.parse(r.body).id === alertId), "the first try");
    await first.stop();
    await before.close();

    up = true;
    const after = await open();
    before = after;
    try {
      const second = startDeliveryWorker({ ...options, db: async () => after.db });
      const delivery = () =>
        after.db
          .select()
          .from(webhookDeliveries)
          .where(and_(hook.id, [alertId]))
          .then((rows) => rows[0]);
      await waitFor(async () => (await delivery()).state === "delivered", "delivery after the restart");
      await second.stop();
      expect(await delivery()).toMatchObject({ state: "delivered", attempts: 2 });
      const got = receiver.received.filter((r) => JSON.parse(r.body).id === alertId);
      expect(got).toHaveLength(2);
    } finally {
      await receiver.close();
      await after.db.delete(webhooks).where(eq(webhooks.id, hook.id));
      await after.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sends at once when woken, without waiting for the next poll", async () => {
    const one = database();
    const receiver = await startReceiver();
    const [hook] = await one.db.insert(webhooks).values({ url: receiver.url }).returning();
    const worker = startDeliveryWorker({ db: async () => one.db, pollIntervalMs: 600_000, digest: false });
    try {
      await worker.tick(); // the first round is over; the next poll is ten minutes away
      const alertId = await raise(one);
      worker.wake();
      await waitFor(() => receiver.received.some((r) => JSON.parse(r.body).id === alertId), "the woken send");
    } finally {
      await worker.stop();
      await receiver.close();
      await one.db.delete(webhooks).where(eq(webhooks.id, hook.id));
    }
  });
});

function and_(webhookId: number, alertIds: number[]) {
  return and(inArray(webhookDeliveries.alertId, alertIds), eq(webhookDeliveries.webhookId, webhookId));
}
