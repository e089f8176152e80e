import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { CLI } from "@/lib/principal";
import { describeEachDriver, uniqueName } from "@/test/database";
import { startReceiver, type Receiver } from "@/test/webhook-receiver";
import type { Db } from "../client";
import { webhookAttempts, webhookDeliveries } from "../schema";
import { deliverDue } from "./deliver";
import { raiseAlert } from "./raise";
import { addWebhook, deleteWebhook } from "./webhooks";

// Deliveries to a real HTTP receiver on 127.0.0.1, on both drivers. Other suites' webhooks may get these
// alerts too (every alert goes to every webhook): assertions are on this test's receivers and alerts.

const SECRET = "test-secret-0123456789";
let day = 0;
/** A period no other test uses, so every alert here is new. */
const periodOf = () => new Date(Date.UTC(1901, 0, 1 + day++)).toISOString().slice(0, 10);

const fastRetry = { delaysSeconds: [0.05], giveUpAfterSeconds: 3600 };

async function raise(db: Db, title = "Budget at 80%") {
  const id = await raiseAlert(db, {
    budgetId: null,
    kind: "forecast",
    threshold: 0,
    periodStart: periodOf(),
    payload: { title, text: "Spent $80 of $100 <so far>", spent: 80 },
  });
  return id!;
}

/** Runs the outbox until `done` holds (short waits between rounds), at most 10 s. */
async function deliverUntil(db: Db, done: () => boolean, timeoutMs = 300) {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("not delivered within 10 s");
    await deliverDue(db, { timeoutMs, retry: fastRetry });
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

const bodiesFor = (receiver: Receiver, alertId: number) =>
  receiver.received.filter((r) => r.body.includes(`"id":${alertId},`) || r.body.includes(`#${alertId}`));

describeEachDriver("webhook deliveries", ({ database }) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function hook(
    format: "json" | "slack" | "discord",
    secret: string | null,
    answer?: Receiver["answer"],
  ) {
    const receiver = await startReceiver(answer);
    const view = await addWebhook(CLI, { url: receiver.url, format, secret, digest: false });
    cleanup.push(
      () => receiver.close(),
      () => deleteWebhook(CLI, view.id),
    );
    return { receiver, id: view.id };
  }

  it("sends a signed JSON body whose timestamp header is its sentAt", async () => {
    const { db } = database();
    const { receiver, id } = await hook("json", SECRET);
    const alertId = await raise(db);
    await deliverUntil(db, () => bodiesFor(receiver, alertId).length > 0);
    const [got] = bodiesFor(receiver, alertId);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      id: alertId,
      kind: "forecast",
      payload: { title: "Budget at 80%", spent: 80 },
    });
    const expected = `sha256=${createHmac("sha256", SECRET).update(got.body).digest("hex")}`;
    expect(got.headers["x-ccs-signature"]).toBe(expected);
    expect(got.headers["x-ccs-timestamp"]).toBe(String(body.sentAt));
    expect(Math.abs(body.sentAt - Date.now() / 1000)).toBeLessThan(30);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toMatch(/^ClaudeCodeStats\//);

    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.alertId, alertId))
      .then((rows) => rows.filter((r) => r.webhookId === id));
    expect(delivery).toMatchObject({ state: "delivered", attempts: 1, claimedUntil: null, lastError: null });
    const tries = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id));
    expect(tries).toMatchObject([{ status: 200, error: null }]);
  });

  it("sends Slack and Discord messages, signed when there is a secret", async () => {
    const { db } = database();
    const slack = await hook("slack", SECRET);
    const discord = await hook("discord", null);
    const marker = uniqueName("alert");
    const title = `Slack & Discord ${marker}`;
    await raise(db, title);
    const mine = (r: Receiver) => r.received.filter((x) => x.body.includes(marker));
    await deliverUntil(db, () => mine(slack.receiver).length > 0 && mine(discord.receiver).length > 0);
    const [s] = mine(slack.receiver);
    expect(JSON.parse(s.body)).toEqual({
      text: `*${title.replace("&", "&amp;")}*\nSpent $80 of $100 &lt;so far&gt;`,
    });
    expect(s.headers["x-ccs-signature"]).toBe(
      `sha256=${createHmac("sha256", SECRET).update(s.body).digest("hex")}`,
    );
    const [d] = mine(discord.receiver);
    expect(JSON.parse(d.body)).toEqual({
      content: `**${title}**\nSpent $80 of $100 <so far>`,
      allowed_mentions: { parse: [] },
    });
    expect(d.headers["x-ccs-signature"]).toBeUndefined();
  });

  it("tries again after a 500 and a timeout, recording every try", async () => {
    const { db } = database();
    // First a server error, then an answer slower than the 300 ms limit, then success.
    const answers = [{ status: 500 }, { delayMs: 1500 }, {}];
    const { receiver, id } = await hook("json", null, (n) => answers[Math.min(n, 2)]);
    const alertId = await raise(db);
    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.alertId, alertId))
      .then((rows) => rows.filter((r) => r.webhookId === id));
    const state = async () =>
      (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)))[0];
    const deadline = Date.now() + 10_000;
    while ((await state()).state !== "delivered" && Date.now() < deadline) {
      await deliverDue(db, { timeoutMs: 300, retry: fastRetry, only: [delivery.id] });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(await state()).toMatchObject({ state: "delivered", attempts: 3, lastError: null });
    const tries = await db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery.id))
      .orderBy(webhookAttempts.id);
    expect(tries.map((t) => [t.status, t.error])).toEqual([
      [500, "HTTP 500 Internal Server Error"],
      [null, "no answer within 300 ms"],
      [200, null],
    ]);
    expect(tries[1].durationMs).toBeGreaterThanOrEqual(290);
    expect(tries[1].durationMs).toBeLessThan(1400);
    expect(receiver.received).toHaveLength(3);
  });

  it("gives up once the next try would fall past the give-up time", async () => {
    const { db } = database();
    const { id } = await hook("json", null, () => ({ status: 503 }));
    const alertId = await raise(db);
    const [delivery] = (
      await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.alertId, alertId))
    ).filter((r) => r.webhookId === id);
    await deliverDue(db, {
      timeoutMs: 1000,
      retry: { delaysSeconds: [60], giveUpAfterSeconds: 30 },
      only: [delivery.id],
    });
    const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ state: "failed", attempts: 1, lastError: "HTTP 503 Service Unavailable" });
    // A failed delivery is never claimed again.
    expect(await deliverDue(db, { timeoutMs: 1000, only: [delivery.id] })).toEqual([]);
  });

  it("settles quietly when the webhook is deleted while its delivery is being sent", async () => {
    const { db } = database();
    const receiver = await startReceiver(() => ({ delayMs: 300 }));
    cleanup.push(() => receiver.close());
    const view = await addWebhook(CLI, { url: receiver.url, format: "json", secret: null, digest: false });
    const alertId = await raise(db);
    const [delivery] = (
      await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.alertId, alertId))
    ).filter((r) => r.webhookId === view.id);
    const sending = deliverDue(db, { timeoutMs: 2000, only: [delivery.id] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await deleteWebhook(CLI, view.id);
    expect((await sending).map((s) => s.result.status)).toEqual([200]);
    expect(
      await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id)),
    ).toEqual([]);
  });
});
