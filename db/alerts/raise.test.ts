import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDriver, uniqueName } from "@/test/database";
import { alerts, webhookDeliveries, webhooks } from "../schema";
import { raiseAlert } from "./raise";

describeEachDriver("raising alerts", ({ database }) => {
  // A period no other test of this run uses (the PostgreSQL database is this run's own), so each alert is new.
  let days = 0;
  const periodOf = () => new Date(Date.UTC(1900, 0, 1 + days++)).toISOString().slice(0, 10);

  it("records an alert once and queues it for every webhook, digests only where asked", async () => {
    const { db } = database();
    const [hook] = await db
      .insert(webhooks)
      .values({ url: `http://127.0.0.1:9/${uniqueName()}`, digest: false })
      .returning();
    const alert = { budgetId: null, threshold: 0, periodStart: periodOf(), payload: { n: 1 } };
    const id = await raiseAlert(db, { ...alert, kind: "forecast" });
    expect(id).toBeGreaterThan(0);
    expect(await raiseAlert(db, { ...alert, kind: "forecast", payload: { n: 2 } })).toBeNull();
    const [{ hooks }] = await database().rows<{ hooks: number }>(
      sql`select count(*)::int as hooks from webhooks`,
    );
    const queued = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.alertId, id!));
    expect(queued).toHaveLength(hooks);
    expect(queued.map((d) => d.webhookId)).toContain(hook.id);
    const [stored] = await db.select().from(alerts).where(eq(alerts.id, id!));
    expect(stored.payload).toEqual({ n: 1 });

    const digest = await raiseAlert(db, { ...alert, kind: "digest" });
    const digestQueued = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.alertId, digest!));
    expect(digestQueued.map((d) => d.webhookId)).not.toContain(hook.id);
  });

  it("raises once when two transactions raise the same alert at the same time", async () => {
    const { db } = database();
    const alert = {
      budgetId: null,
      kind: "forecast" as const,
      threshold: 0,
      periodStart: periodOf(),
      payload: {},
    };
    const ids = await Promise.all([
      db.transaction((tx) => raiseAlert(tx as never, alert)),
      db.transaction((tx) => raiseAlert(tx as never, alert)),
    ]);
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
  });
});
