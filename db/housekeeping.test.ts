import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { describeEachDriver, uniqueName } from "@/test/database";
import { dailyReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import { pruneExpired } from "./housekeeping";
import { ingestUsage } from "./upload";
import { endedSessions, teamSettings, uploads, usageStats } from "./schema";
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
});
