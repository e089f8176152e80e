import { eq, inArray, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { describeEachDriver, openTestDatabase, uniqueName } from "@/test/database";
import { dailyReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import { pruneExpired } from "./housekeeping";
import { ingestUsage } from "./upload";
import {
  auditLog,
  endedSessions,
  teamSettings,
  telemetryEvents,
  telemetryPoints,
  uploads,
  usageStats,
} from "./schema";
import { dataPoints, logRecords } from "@/lib/otel/records";
import { readActivity, readApiRequests } from "@/lib/otel/telemetry";
import { parseStatsQuery } from "@/lib/stats/query";
import { resolveScope } from "@/server/stats/scope";
import { sumExport } from "@/test/otel-fixtures";
import { recordActivity, recordApiRequests, type TelemetrySender } from "./telemetry";
import { getLeaderboard, getTeamDailyCost } from "./stats/leaderboard";
import { getPersonUsage } from "./stats/person";
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
    const request = apiRequest(time, 42);
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

  /** A person with two days of uploads, telemetry (an API call and activity) and audit entries, all `age` old. */
  async function agedPerson(age: number) {
    const db = database().db;
    const user = await createUser({ username: uniqueName("old"), role: "member" }, CLI);
    await ingestUsage({
      by: user,
      machine: "laptop",
      report: parseReport(
        dailyReport({ "2025-05-01": { "claude-a": [10, 1] }, "2025-05-02": { "claude-b": [5, 2] } }),
      ),
      mode: "merge",
      dryRun: false,
    });
    const now = new Date();
    const window = { now, oldest: new Date(now.getTime() - 10 * DAY) };
    const context = { now, timezone: "UTC" };
    const sender: TelemetrySender = { kind: "personal", keyId: 500_000 + user.id, person: user };
    await recordApiRequests(sender, readApiRequests(logRecords(apiRequest(now, 42)), window), context);
    const points = dataPoints(
      sumExport("claude_code.commit.count", 1, [
        {
          startTimeUnixNano: String(BigInt(now.getTime() - 60_000) * 1_000_000n),
          timeUnixNano: String(BigInt(now.getTime()) * 1_000_000n),
          asDouble: 3,
        },
      ]),
    );
    await recordActivity(sender, { ...readActivity(points, window), points: points.length }, context);
    const then = new Date(Date.now() - age * DAY);
    await db.update(uploads).set({ receivedAt: then }).where(eq(uploads.userId, user.id));
    await db.update(telemetryEvents).set({ receivedAt: then }).where(eq(telemetryEvents.userId, user.id));
    await db
      .update(telemetryPoints)
      .set({ receivedAt: then })
      .where(eq(telemetryPoints.owner, `key:${sender.keyId}`));
    await db.update(auditLog).set({ createdAt: then }).where(eq(auditLog.target, user.username));
    return { user, owner: `key:${sender.keyId}` };
  }

  /** What is left of each person's prunable rows. */
  async function leftOf(people: { user: { id: number; username: string }; owner: string }[]) {
    const db = database().db;
    const ids = people.map((p) => p.user.id);
    const count = async (rows: Promise<unknown[]>) => (await rows).length;
    return {
      uploads: await count(db.select().from(uploads).where(inArray(uploads.userId, ids))),
      events: await count(db.select().from(telemetryEvents).where(inArray(telemetryEvents.userId, ids))),
      points: await count(
        db
          .select()
          .from(telemetryPoints)
          .where(
            inArray(
              telemetryPoints.owner,
              people.map((p) => p.owner),
            ),
          ),
      ),
      audit: await count(
        db
          .select()
          .from(auditLog)
          .where(
            inArray(
              auditLog.target,
              people.map((p) => p.user.username),
            ),
          ),
      ),
    };
  }

  const retention = (days: number | null) =>
    database().db.update(teamSettings).set({
      uploadRetentionDays: days,
      telemetryRetentionDays: days,
      auditRetentionDays: days,
    });

  it("prunes uploads, raw telemetry and audit entries past retention, and no dashboard changes", async () => {
    const old = await agedPerson(40);
    const recent = await agedPerson(20);
    const before = await leftOf([old, recent]);
    expect(before).toEqual({ uploads: 2, events: 2, points: 2, audit: 2 });

    const scope = await resolveScope(parseStatsQuery({ from: "2025-01-01", to: "2026-12-31" }));
    const dashboards = async () => ({
      board: await getLeaderboard(scope, { sort: "cost", limit: 1000 }),
      daily: await getTeamDailyCost(scope, "person"),
      people: await Promise.all([old, recent].map((p) => getPersonUsage(scope, p.user.id))),
    });
    const shown = await dashboards();
    expect(shown.board.rows.map((r) => r.username)).toContain(old.user.username);

    // The audit log is kept forever by default (AUDIT_RETENTION_DAYS 0).
    await database().db.update(teamSettings).set({ uploadRetentionDays: 30, telemetryRetentionDays: 30 });
    await pruneExpired();
    expect(await leftOf([old])).toEqual({ uploads: 0, events: 0, points: 0, audit: 1 });

    await retention(30);
    const result = await pruneExpired({ batchSize: 1 });
    expect(result.skipped).toBe(false);
    expect(result.auditEntries).toBeGreaterThanOrEqual(1);
    expect(await leftOf([old])).toEqual({ uploads: 0, events: 0, points: 0, audit: 0 });
    expect(await leftOf([recent])).toEqual({ uploads: 1, events: 1, points: 1, audit: 1 });
    expect(await dashboards()).toEqual(shown);

    await retention(0); // forever, where 0 is allowed
    await database().db.update(teamSettings).set({ telemetryRetentionDays: 3650 });
    await pruneExpired({ now: new Date(Date.now() + 200 * DAY) });
    expect(await leftOf([recent])).toEqual({ uploads: 1, events: 1, points: 1, audit: 1 });
    await retention(null);
  });

  it("lets one server prune at a time on PostgreSQL: a second stops while one prunes, two at once both finish", async ({
    skip,
  }) => {
    if (database().driver !== "postgres") skip(); // PGlite is one process with one connection
    const other = await openTestDatabase("postgres");
    try {
      const people = await Promise.all([agedPerson(40), agedPerson(40), agedPerson(40)]);
      await retention(30);
      // Another server holds the lock: this one stops without deleting anything.
      const held = await other.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(7279)`);
        return pruneExpired();
      });
      expect(held).toMatchObject({ skipped: true, uploads: 0, telemetryEvents: 0, auditEntries: 0 });
      expect(await leftOf(people)).toEqual({ uploads: 3, events: 3, points: 3, audit: 3 });

      // Two servers at once, in batches of one row so they interleave: no error, no deadlock, all gone.
      const both = await Promise.all([
        pruneExpired({ batchSize: 1 }),
        pruneExpired({ batchSize: 1, db: other.db }),
      ]);
      expect(both.map((r) => r.uploads + r.telemetryEvents).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(
        6,
      );
      expect(await leftOf(people)).toEqual({ uploads: 0, events: 0, points: 0, audit: 0 });
    } finally {
      await retention(null);
      await other.close();
    }
  });
});

function apiRequest(time: Date, tokens: number) {
  return {
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
                  { key: "input_tokens", value: { intValue: tokens } },
                  { key: "request_id", value: { stringValue: uniqueName("req") } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}
