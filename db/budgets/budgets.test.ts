import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { CLI, type Person } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { parseStatsQuery } from "@/lib/stats/query";
import { describeEachDriver, uniqueName } from "@/test/database";
import { resolveScope } from "@/server/stats/scope";
import { createUser } from "../accounts/users";
import type { Db } from "../client";
import { alerts, auditLog, budgets, groupMembers, groups, webhookDeliveries, webhooks } from "../schema";
import { getLeaderboard } from "../stats/leaderboard";
import { ingestUsage } from "../upload";
import { checkBudgets, type RaisedAlert } from "./check";
import { deleteBudget, setBudget } from "./manage";
import { getBudgetStatuses } from "./status";

// Each test has a month of its own in 2003, which no other suite writes, and passes `now` in it; the
// team timezone is UTC (tests that change it put it back).

const DEFAULT = { thresholds: [50, 80, 100] };

async function person(role: Person["role"] = "member"): Promise<Person> {
  const user = await createUser({ username: uniqueName("budget"), role }, CLI);
  return { id: user.id, username: user.username, role };
}

function spend(user: Person, days: Record<string, number>, machine = "default") {
  const report = dailyReport(
    Object.fromEntries(Object.entries(days).map(([d, cost]) => [d, { "claude-sonnet-4-5": [1000, cost] }])),
  );
  return ingestUsage({ by: user, machine, report: parseReport(report), mode: "merge", dryRun: false });
}

async function group(db: Db, members: Person[]) {
  const name = uniqueName("g");
  const [g] = await db
    .insert(groups)
    .values({ name, displayName: `Group ${name}` })
    .returning();
  await db.insert(groupMembers).values(members.map((m) => ({ groupId: g.id, userId: m.id })));
  return g;
}

describeEachDriver("budgets", ({ database }) => {
  it("counts this month's spend exactly as the leaderboard does, for a person, a group and the team", async () => {
    const now = new Date("2003-07-10T12:00:00Z");
    const [a, b, outsider] = [await person(), await person(), await person()];
    await spend(a, { "2003-06-30": 500, "2003-07-01": 10.5, "2003-07-09": 4.25 });
    await spend(a, { "2003-07-09": 1 }, "laptop");
    await spend(b, { "2003-07-02": 20 });
    await spend(outsider, { "2003-07-03": 7, "2003-07-11": 100 }); // after today: not yet this month's
    const g = await group(database().db, [a, b]);
    await setBudget(CLI, { scope: "user", username: a.username }, { monthlyUsd: 100, ...DEFAULT });
    await setBudget(CLI, { scope: "group", group: g.name }, { monthlyUsd: 62, ...DEFAULT });
    await setBudget(CLI, { scope: "team" }, { monthlyUsd: 1000, thresholds: [90] });
    try {
      const statuses = await getBudgetStatuses({}, now);
      const scope = await resolveScope(parseStatsQuery({ range: "this-month" }), now);
      const board = await getLeaderboard(scope, { sort: "cost", limit: 1000 });
      const cost = (u: Person) => board.rows.find((r) => r.username === u.username)!.cost;

      const mine = statuses.find((s) => s.user?.id === a.id)!;
      expect(mine).toMatchObject({ month: "2003-07", today: "2003-07-10", monthlyUsd: 100 });
      expect(mine.spendUsd).toBeCloseTo(cost(a), 10);
      expect(mine.spendUsd).toBeCloseTo(15.75, 10);
      expect(mine.percent).toBeCloseTo(15.75, 10);
      // 10 days of 31 elapsed (today included): $15.75 / 10 × 31.
      expect(mine.forecastUsd).toBeCloseTo(48.825, 10);

      // A group's spend is its members' (the outsider's is not in it).
      const theirs = statuses.find((s) => s.group?.id === g.id)!;
      expect(theirs.spendUsd).toBeCloseTo(cost(a) + cost(b), 10);
      expect(theirs.spendUsd).toBeCloseTo(35.75, 10);
      expect(theirs.group).toMatchObject({ name: g.name, displayName: g.displayName });

      const team = statuses.find((s) => s.scope === "team")!;
      expect(team.spendUsd).toBeCloseTo(board.team.cost, 10);
      expect(team.spendUsd).toBeGreaterThanOrEqual(42.75);

      // The person page's own read gives the same figure.
      const [own] = await getBudgetStatuses({ userId: a.id }, now);
      expect(own.spendUsd).toBeCloseTo(mine.spendUsd, 10);
    } finally {
      await deleteBudget(CLI, { scope: "team" });
    }
  });

  it("raises each threshold once per month, and the forecast once from the month's 5th day", async () => {
    const { db } = database();
    const user = await person();
    const target = { scope: "user" as const, username: user.username };
    const { id } = await setBudget(CLI, target, { monthlyUsd: 100, ...DEFAULT });
    const mine = (raised: RaisedAlert[]) =>
      raised.filter((r) => r.budgetId === id).map((r) => `${r.kind}:${r.threshold}`);

    // $30 on the 2nd: 30%, and by the 3rd the forecast is $310, but it is too early to say so.
    await spend(user, { "2003-08-02": 30 });
    expect(mine(await checkBudgets({ now: new Date("2003-08-03T12:00:00Z") }))).toEqual([]);
    // On the 10th the forecast ($93) is under the budget; $55 more makes it 85% and $263.50.
    expect(mine(await checkBudgets({ now: new Date("2003-08-10T12:00:00Z") }))).toEqual([]);
    await spend(user, { "2003-08-10": 55 });
    const now = new Date("2003-08-10T12:00:00Z");
    expect(mine(await checkBudgets({ now }))).toEqual(["threshold:50", "threshold:80", "forecast:0"]);
    expect(mine(await checkBudgets({ now }))).toEqual([]);

    const stored = await db.select().from(alerts).where(eq(alerts.budgetId, id)).orderBy(alerts.id);
    expect(stored.map((a) => [a.kind, a.threshold, a.periodStart])).toEqual([
      ["threshold", 50, "2003-08-01"],
      ["threshold", 80, "2003-08-01"],
      ["forecast", 0, "2003-08-01"],
    ]);
    expect(stored[1].payload).toMatchObject({
      title: `${user.username}'s budget: 80% reached`,
      text: `${user.username}'s budget: $85.00 of $100.00 (85%) spent in August 2003; forecast $263.50.`,
      budgetId: id,
      scope: "user",
      user: user.username,
      month: "2003-08",
      threshold: 80,
      spendUsd: 85,
      budgetUsd: 100,
      percent: 85,
      forecastUsd: 263.5,
      path: `/users/${user.username}?range=this-month`,
    });

    // Spend past the budget raises 100% once; the statuses say what was raised.
    await spend(user, { "2003-08-10": 70 });
    expect(mine(await checkBudgets({ now }))).toEqual(["threshold:100"]);
    const [status] = await getBudgetStatuses({ userId: user.id }, now);
    expect(status.raised).toEqual({ thresholds: [50, 80, 100], forecast: true });

    // A new month starts over; only the current month is checked.
    expect(mine(await checkBudgets({ now: new Date("2003-09-01T12:00:00Z") }))).toEqual([]);
    await spend(user, { "2003-09-01": 60 });
    expect(mine(await checkBudgets({ now: new Date("2003-09-01T12:00:00Z") }))).toEqual(["threshold:50"]);
  });

  it("lets members set and delete only their own budget, and audits every change", async () => {
    const { db } = database();
    const [member, other, admin] = [await person(), await person(), await person("admin")];
    const own = { scope: "user" as const, username: member.username };
    const created = await setBudget(member, own, { monthlyUsd: 25.5, thresholds: [100] });
    expect(created.created).toBe(true);
    const changed = await setBudget(member, own, { monthlyUsd: 30, thresholds: [50, 100] });
    expect(changed).toEqual({ id: created.id, created: false });
    const [row] = await db.select().from(budgets).where(eq(budgets.id, created.id));
    expect(row).toMatchObject({
      scope: "user",
      userId: member.id,
      monthlyUsd: "30.00",
      thresholds: [50, 100],
    });

    const refused = "Members may set and delete only their own personal budget.";
    const otherTarget = { scope: "user" as const, username: other.username };
    await expect(setBudget(member, otherTarget, { monthlyUsd: 1, ...DEFAULT })).rejects.toThrow(refused);
    await expect(setBudget(member, { scope: "team" }, { monthlyUsd: 1, ...DEFAULT })).rejects.toThrow(
      refused,
    );
    await expect(
      setBudget(member, { scope: "group", group: "anything" }, { monthlyUsd: 1, ...DEFAULT }),
    ).rejects.toThrow(refused);
    await setBudget(admin, otherTarget, { monthlyUsd: 5, ...DEFAULT });
    await expect(deleteBudget(member, otherTarget)).rejects.toThrow(refused);
    await deleteBudget(admin, otherTarget);
    await expect(deleteBudget(admin, otherTarget)).rejects.toThrow(
      `There is no budget for ${other.username} to delete.`,
    );
    await expect(
      setBudget(admin, { scope: "user", username: uniqueName("nobody") }, { monthlyUsd: 5, ...DEFAULT }),
    ).rejects.toThrow(/^No user named/);
    await expect(
      setBudget(admin, { scope: "group", group: uniqueName("nogroup") }, { monthlyUsd: 5, ...DEFAULT }),
    ).rejects.toThrow(/^No group named/);
    await deleteBudget(member, own);

    const entries = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.target, [`user:${member.username}`, `user:${other.username}`]))
      .orderBy(auditLog.id);
    expect(entries.map((e) => [e.actorName, e.action, e.target, e.details])).toEqual([
      [
        member.username,
        "budget.set",
        `user:${member.username}`,
        {
          monthlyUsd: { from: null, to: 25.5 },
          thresholds: { from: null, to: [100] },
        },
      ],
      [
        member.username,
        "budget.set",
        `user:${member.username}`,
        {
          monthlyUsd: { from: 25.5, to: 30 },
          thresholds: { from: [100], to: [50, 100] },
        },
      ],
      [
        admin.username,
        "budget.set",
        `user:${other.username}`,
        {
          monthlyUsd: { from: null, to: 5 },
          thresholds: { from: null, to: [50, 80, 100] },
        },
      ],
      [admin.username, "budget.delete", `user:${other.username}`, { monthlyUsd: 5 }],
      [member.username, "budget.delete", `user:${member.username}`, { monthlyUsd: 30 }],
    ]);
  });

  it("raises one alert per threshold when two servers' uploads cross a group budget at once", async () => {
    const { db, driver } = database();
    const now = "2003-10-15T12:00:00Z";
    const [a, b] = [await person(), await person()];
    const g = await group(db, [a, b]);
    const thresholds = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const { id } = await setBudget(CLI, { scope: "group", group: g.name }, { monthlyUsd: 100, thresholds });
    await db.insert(webhooks).values([{ url: "http://127.0.0.1:9/a" }, { url: "http://127.0.0.1:9/b" }]);
    // Each server uploads $10 a day for one member, five days each: $100 in all.
    const uploads = (user: Person) =>
      [1, 2, 3, 4, 5].map((d) => ({ id: user.id, username: user.username, date: `2003-10-0${d}`, cost: 10 }));

    let raised: RaisedAlert[];
    if (driver === "postgres") {
      // Two processes, each with its own pool, as two servers would be.
      const run = promisify(execFile);
      const racer = (user: Person) =>
        run(
          path.resolve("node_modules/.bin/tsx"),
          ["test/budget-racer.ts", JSON.stringify({ now, uploads: uploads(user) })],
          { env: { ...process.env, DATABASE_URL: inject("pgUrl") } },
        ).then(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1)!) as RaisedAlert[]);
      raised = (await Promise.all([racer(a), racer(b)])).flat();
    } else {
      const racer = async (user: Person) => {
        const out: RaisedAlert[] = [];
        for (const u of uploads(user)) {
          await spend(user, { [u.date]: u.cost }, "racer");
          out.push(...(await checkBudgets({ now: new Date(now) })));
        }
        return out;
      };
      raised = (await Promise.all([racer(a), racer(b)])).flat();
    }

    const mine = raised.filter((r) => r.budgetId === id);
    const stored = await db.select().from(alerts).where(eq(alerts.budgetId, id));
    const expected = [...thresholds.map((t) => `threshold:${t}`), "forecast:0"].sort();
    expect(stored.map((s) => `${s.kind}:${s.threshold}`).sort()).toEqual(expected);
    // Every alert was raised by exactly one of the two.
    expect(mine.map((r) => `${r.kind}:${r.threshold}`).sort()).toEqual(expected);
    const [{ hooks }] = await database().rows<{ hooks: number }>(
      sql`select count(*)::int as hooks from webhooks`,
    );
    const deliveries = await db
      .select()
      .from(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.alertId,
          stored.map((s) => s.id),
        ),
      );
    expect(deliveries).toHaveLength(stored.length * hooks);
    const [status] = await getBudgetStatuses({ scope: "group" }, new Date(now)).then((all) =>
      all.filter((s) => s.id === id),
    );
    expect(status.spendUsd).toBeCloseTo(100, 10);
    await db.delete(webhooks).where(inArray(webhooks.url, ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]));
  });
});
