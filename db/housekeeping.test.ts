import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { describeEachDriver, uniqueName } from "@/test/database";
import { dailyReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import { pruneExpired } from "./housekeeping";
import { ingestUsage } from "./upload";
import { endedSessions, teamSettings, telemetryEvents, uploads, usageStats } from "./schema";
import { logRecords } from "@/lib/otel/records";
import { readApiRequests } from "@/lib/otel/telemetry";
import { recordApiRequests } from "./telemetry";
import { createUser } from "./accounts/users";

const DAY = 86_400_000;

describeEachDriver("housekeeping", ({ database }) => {
  it("drops stored uploads past the team's retention, keeping the usage they added", async () => {
    const db = database().db;
    const user = await createUser({ username: uniqueName(), role: "member" }, CLI);
    for (const date of ["2025-06-01", "2025-06-02"]) {
      await ingestUsage({
        by: user,
        machine: "default",
        report: parseReport(dailyReport({ [date]: { "claude-a": [1, 0.1] } })),
        mode: "merge",
        dryRun: false,
      });
    }
    const remaining = async () =>
      (await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.userId, user.id)))
        .map((u) => u.id)
        .sort((a, b) => a - b);
    const ids = await remaining();
    await db
      .update(uploads)
      .set({ receivedAt: new Date(Date.now() - 40 * DAY) })
      .where(eq(uploads.id, ids[0]));

    await db.update(teamSettings).set({ uploadRetentionDays: 0 }); // forever
    await pruneExpired();
    expect(await remaining()).toEqual(ids);
    await db.update(teamSettings).set({ uploadRetentionDays: 30 });
    await pruneExpired();
    expect(await remaining()).toEqual([ids[1]]);
    expect(await db.select().from(usageStats).where(eq(usageStats.userId, user.id))).toHaveLength(2);
    await db.update(teamSettings).set({ uploadRetentionDays: null });
  });

  it("forgets signed-out sessions once they would have expired anyway", async () => {
    const db = database().db;
    const user = await createUser({ username: uniqueName(), role: "member" }, CLI);
    const sid = uniqueName("sid");
    await db.insert(endedSessions).values([
      { id: `${sid}-old`, userId: user.id, expiresAt: new Date(Date.now() - 1000) },
      { id: `${sid}-new`, userId: user.id, expiresAt: new Date(Date.now() + DAY) },
    ]);
    await pruneExpired();
    const left = await db
      .select({ id: endedSessions.id })
      .from(endedSessions)
      .where(sql`${endedSessions.id} like ${`${sid}%`}`);
    expect(left).toEqual([{ id: `${sid}-new` }]);
  });

  it("drops raw telemetry past the telemetry retention, keeping the usage it added", async () => {
    const db = database().db;
    const user = await createUser({ username: uniqueName(), role: "member" }, CLI);
    const time = new Date();
    const request = {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: String(BigInt(time.getTime()) * 1_000_000n),
                  attributes: [
                    { key: "event.name", value: { stringValue: "api_request" } },
                    { key: "model", value: { stringValue: "claude-sonnet-4-5" } },
                    { key: "input_tokens", value: { intValue: 42 } },
                    { key: "request_id", value: { stringValue: uniqueName("req") } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const sender = { kind: "personal" as const, keyId: user.id, person: user };
    const read = readApiRequests(logRecords(request), { now: time, oldest: new Date(0) });
    await recordApiRequests(sender, read, { now: time, timezone: "UTC" });
    const events = () => db.select().from(telemetryEvents).where(eq(telemetryEvents.userId, user.id));
    expect(await events()).toHaveLength(1);
    await db.update(teamSettings).set({ telemetryRetentionDays: 30 });
    await pruneExpired({ now: new Date(time.getTime() + 31 * DAY) });
    expect(await events()).toEqual([]);
    const [day] = await db.select().from(usageStats).where(eq(usageStats.userId, user.id));
    expect(day.inputTokens).toBe(42);
    await db.update(teamSettings).set({ telemetryRetentionDays: null });
  });
});
