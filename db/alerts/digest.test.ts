import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { CLI } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { parseStatsQuery } from "@/lib/stats/query";
import { resolveScope } from "@/server/stats/scope";
import { describeEachDriver, uniqueName } from "@/test/database";
import { startReceiver, type Receiver } from "@/test/webhook-receiver";
import { createUser } from "../accounts/users";
import { alerts, groupMembers, groups } from "../schema";
import { getLeaderboard } from "../stats/leaderboard";
import { ingestUsage } from "../upload";
import { deliverDue } from "./deliver";
import { raiseWeeklyDigest } from "./digest";
import { addWebhook, deleteWebhook } from "./webhooks";

// All usage here is in June 2003, which no other suite writes, so the team's figures are exact. The digest
// raised on Wednesday 2003-06-18 covers Monday 2003-06-09 to Sunday 2003-06-15, against the week before.

const WEDNESDAY = new Date("2003-06-18T12:00:00Z");

describeEachDriver("the weekly digest", ({ database }) => {
  let receiver: Receiver;
  let hookId: number;
  const names = { heavy: uniqueName("heavy"), light: uniqueName("light"), solo: uniqueName("solo") };
  const group = { platform: uniqueName("g-platform"), web: uniqueName("g-web") };

  beforeAll(async () => {
    const { db } = database();
    const users = Object.fromEntries(
      await Promise.all(
        Object.entries(names).map(async ([key, username]) => [
          key,
          await createUser({ username, displayName: key.toUpperCase(), role: "member" }, CLI),
        ]),
      ),
    );
    const send = (key: keyof typeof names, days: Parameters<typeof dailyReport>[0]) =>
      ingestUsage({
        by: { ...users[key], role: "member" },
        machine: "laptop",
        report: parseReport(dailyReport(days)),
        mode: "merge",
        dryRun: false,
      });
    await send("heavy", {
      "2003-06-04": { "claude-opus": [10, 1] },
      "2003-06-09": { "claude-opus": [10, 2] },
      "2003-06-15": { "claude-sonnet": [10, 1] },
      "2003-06-16": { "claude-opus": [10, 50] }, // the week after: not in this digest
    });
    await send("light", { "2003-06-12": { "claude-sonnet": [10, 1] } });
    await send("solo", {
      "2003-06-08": { "claude-sonnet": [10, 2] },
      "2003-06-10": { "claude-sonnet": [10, 0.5] },
    });
    const [platform, web] = await db
      .insert(groups)
      .values([
        { name: group.platform, displayName: "Platform" },
        { name: group.web, displayName: "Web" },
      ])
      .returning();
    await db.insert(groupMembers).values([
      { groupId: platform.id, userId: users.heavy.id },
      { groupId: platform.id, userId: users.light.id },
      { groupId: web.id, userId: users.solo.id },
    ]);
    receiver = await startReceiver();
    hookId = (await addWebhook(CLI, { url: receiver.url, format: "json", secret: null, digest: true })).id;
  });
  afterAll(async () => {
    await deleteWebhook(CLI, hookId);
    await receiver.close();
  });

  it("is raised once for last week, with the leaderboard's figures, and sent to digest webhooks", async () => {
    const { db } = database();
    // Two servers' workers at the same moment: one raises it.
    const raised = await Promise.all([
      raiseWeeklyDigest(undefined, WEDNESDAY),
      raiseWeeklyDigest(undefined, WEDNESDAY),
    ]);
    const ids = raised.filter((id) => id !== null);
    expect(ids).toHaveLength(1);
    // Later in the week: nothing new.
    expect(await raiseWeeklyDigest(undefined, new Date("2003-06-22T12:00:00Z"))).toBeNull();

    const [alert] = await db.select().from(alerts).where(eq(alerts.id, ids[0]!));
    expect(alert).toMatchObject({ kind: "digest", budgetId: null, periodStart: "2003-06-09" });
    const payload = alert.payload as Record<string, never>;
    expect(payload).toMatchObject({
      title: "Weekly digest 2003-06-09 to 2003-06-15: $4.50",
      week: { from: "2003-06-09", to: "2003-06-15" },
      previousWeek: { from: "2003-06-02", to: "2003-06-08" },
      team: { cost: 4.5, previousCost: 3, change: 0.5, activePeople: 3 },
      topPeople: [
        { username: names.heavy, displayName: "HEAVY", cost: 3, previousCost: 1 },
        { username: names.light, displayName: "LIGHT", cost: 1, previousCost: 0 },
        { username: names.solo, displayName: "SOLO", cost: 0.5, previousCost: 2 },
      ],
    });
    expect(payload.text).toBe(
      "Team: $4.50 by 3 people (+50% on the week before, $3.00)\nTop: HEAVY $3.00, LIGHT $1.00, SOLO $0.50\n" +
        `Groups: ${(payload.groups as { displayName: string; cost: number }[])
          .filter((g) => g.cost > 0)
          .map((g) => `${g.displayName} $${g.cost.toFixed(2)}`)
          .join(", ")}`,
    );
    const mine = (payload.groups as { name: string }[]).filter((g) => Object.values(group).includes(g.name));
    expect(mine).toEqual([
      { name: group.platform, displayName: "Platform", members: 2, cost: 4, previousCost: 1 },
      { name: group.web, displayName: "Web", members: 1, cost: 0.5, previousCost: 2 },
    ]);

    // The same figures as the leaderboard of that week.
    const scope = await resolveScope(parseStatsQuery({ from: "2003-06-09", to: "2003-06-15" }));
    const board = await getLeaderboard(scope, { sort: "cost", limit: 5 });
    expect(payload).toMatchObject({
      team: { cost: board.team.cost, previousCost: board.previousTeam!.cost },
    });

    // Test files share the PostgreSQL database, and another one's worker may claim this delivery first
    // (as another server would): delivery rounds until it arrives, at most 10 s.
    const arrived = () => receiver.received.map((r) => JSON.parse(r.body)).filter((b) => b.id === ids[0]);
    for (const deadline = Date.now() + 10_000; arrived().length === 0 && Date.now() < deadline;) {
      await deliverDue(db, { timeoutMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const got = arrived();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      kind: "digest",
      periodStart: "2003-06-09",
      payload: { title: payload.title },
    });
  });
});
