import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { dataPoints } from "@/lib/otel/records";
import { readActivity } from "@/lib/otel/telemetry";
import { CLI, type Person } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { parseStatsQuery } from "@/lib/stats/query";
import type { Scope } from "@/lib/stats/scope";
import type { DailyPoint } from "@/lib/stats/series";
import type { PersonUsage } from "@/lib/stats/types";
import { resolveScope } from "@/server/stats/scope";
import { describeEachDriver, uniqueName } from "@/test/database";
import { sumExport } from "@/test/otel-fixtures";
import { createUser } from "./accounts/users";
import { addMembers, createGroup, deleteGroup, listGroups, removeMembers } from "./groups/admin";
import { getAdoption } from "./stats/adoption";
import { getGroupComparison } from "./stats/groups";
import { getLeaderboard, getTeamDailyCost } from "./stats/leaderboard";
import { getModelDaily, getModels } from "./stats/models";
import { getPersonUsage } from "./stats/person";
import { getPreviousDailyCost } from "./stats/previous";
import { auditLog } from "./schema";
import { recordActivity } from "./telemetry";
import { ingestUsage } from "./upload";

// Usage is in 2013 and activity in November 2026; other suites share the PostgreSQL database, so every
// figure is checked against the members' own per-person figures, never against the team's.

const PERIOD = { from: "2013-01-10", to: "2013-03-20" }; // leftover days, whole weeks and a whole month
const ACTIVITY = { from: "2026-11-20", to: "2026-11-22" };
const NOW = new Date("2026-12-01T14:00:00Z");

const dayTotal = (points: DailyPoint[]) =>
  Object.fromEntries(points.map((p) => [p.date, Object.values(p.values).reduce((a, b) => a + b, 0)]));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describeEachDriver("groups", ({ database }) => {
  let people: Person[] = [];
  let g1 = "";
  let g2 = "";

  beforeAll(async () => {
    people = await Promise.all(
      ["ann", "bob", "cat", "dan"].map((n) => createUser({ username: uniqueName(n), role: "member" }, CLI)),
    );
    const [ann, bob, cat, dan] = people;
    const send = (p: Person, days: Parameters<typeof dailyReport>[0]) =>
      ingestUsage({
        by: p,
        machine: "laptop",
        report: parseReport(dailyReport(days)),
        mode: "merge",
        dryRun: false,
      });
    await send(ann, {
      "2012-12-01": { "claude-opus": [70, 0.7] }, // the previous period
      "2013-01-11": { "claude-opus": [100, 1.25], "claude-sonnet": [10, 0.05] },
      "2013-02-14": { "claude-sonnet": [40, 0.4] },
      "2013-03-19": { "claude-opus": [5, 0.125] },
    });
    await send(bob, {
      "2013-01-11": { "claude-sonnet": [20, 0.2] },
      "2013-02-02": { "gpt-5": [30, 0.3], "claude-opus": [1, 2] },
      "2013-03-21": { "claude-opus": [9, 9] }, // after the period
    });
    await send(cat, { "2013-02-14": { "claude-sonnet": [7, 0.07] }, "2013-03-01": { "gpt-5": [3, 0.03] } });
    await send(dan, { "2013-01-11": { "claude-opus": [500, 50] }, "2013-02-14": { "gpt-5": [600, 60] } });

    // Telemetry activity: commits per person on two days (dan's too, outside every group).
    for (const [i, p] of people.entries()) {
      for (const [day, value] of [
        ["2026-11-20", i + 1],
        ["2026-11-22", 10 * (i + 1)],
      ] as const) {
        const ns = BigInt(Date.parse(`${day}T12:00:00Z`)) * 1_000_000n;
        const request = sumExport("claude_code.commit.count", 1, [
          { startTimeUnixNano: String(ns - 60_000_000_000n), timeUnixNano: String(ns), asDouble: value },
        ]);
        const points = dataPoints(request);
        const window = { now: NOW, oldest: new Date("2026-11-01T00:00:00Z") };
        await recordActivity(
          { kind: "personal", keyId: p.id * 1000, person: p },
          { ...readActivity(points, window), points: points.length },
          { now: NOW, timezone: "UTC" },
        );
      }
    }

    g1 = uniqueName("g1");
    g2 = uniqueName("g2");
    await createGroup({ name: g1, displayName: "Group one" }, CLI);
    await createGroup({ name: g2 }, CLI);
    expect(await addMembers(g1, [ann.username, bob.username, bob.username], CLI)).toEqual(
      [ann.username, bob.username].sort(),
    );
    await addMembers(g2, [bob.username, cat.username, dan.username], CLI);
    expect(await removeMembers(g2, [dan.username], CLI)).toEqual([dan.username]);
  });

  const scopeOf = async (params: Record<string, string>) => resolveScope(parseStatsQuery(params), NOW);
  const membersOf = (group: string) =>
    group === g1 ? people.slice(0, 2) : group === g2 ? people.slice(1, 3) : people;

  /** Each member's own figures, from the person page's query (which no group touches). */
  const usageOf = (members: Person[], scope: Scope) =>
    Promise.all(members.map((p) => getPersonUsage(scope, p.id)));

  it("lists groups with their members; a person can be in several", async () => {
    const listed = (await listGroups()).filter((g) => g.name === g1 || g.name === g2);
    expect(listed.map((g) => [g.name, g.displayName, g.members])).toEqual([
      [
        g1,
        "Group one",
        membersOf(g1)
          .map((p) => p.username)
          .sort(),
      ],
      [
        g2,
        g2,
        membersOf(g2)
          .map((p) => p.username)
          .sort(),
      ],
    ]);
  });

  it.each(["g1", "g2"] as const)(
    "%s: leaderboard, models and daily series sum the members",
    async (which) => {
      const group = which === "g1" ? g1 : g2;
      const members = membersOf(group);
      const scope = await scopeOf({ ...PERIOD, group });
      expect(scope.group?.name).toBe(group);
      const own: PersonUsage[] = await usageOf(members, scope);

      const board = await getLeaderboard(scope, { sort: "cost", limit: 100 });
      expect(board.rows.map((r) => r.username).sort()).toEqual(members.map((p) => p.username).sort());
      expect(board.rows.map((r) => r.username)).not.toContain(people[3].username);
      expect(board.team.cost).toBeCloseTo(sum(own.map((u) => u.totals.cost)), 8);
      expect(board.team.totalTokens).toBe(sum(own.map((u) => u.totals.totalTokens)));
      expect(board.team.activePersonDays).toBe(sum(own.map((u) => u.totals.activeDays)));
      expect(board.team.activePeople).toBe(own.filter((u) => u.totals.activeDays > 0).length);
      expect(board.previousTeam!.cost).toBeCloseTo(sum(own.map((u) => u.previous!.cost)), 8);

      // Models: cost and tokens per model, people and days with use, over the members' own models.
      const models = await getModels(scope, { sort: "cost", limit: 100 });
      const expected = new Map<string, { cost: number; tokens: number; people: number; days: Set<string> }>();
      for (const u of own) {
        for (const m of u.models) {
          const e = expected.get(m.model) ?? { cost: 0, tokens: 0, people: 0, days: new Set<string>() };
          expected.set(m.model, {
            ...e,
            cost: e.cost + m.cost,
            tokens: e.tokens + m.totalTokens,
            people: e.people + 1,
          });
        }
        for (const d of u.days) for (const m of d.models) expected.get(m.model)!.days.add(d.date);
      }
      expect(models.rows.map((r) => r.model).sort()).toEqual([...expected.keys()].sort());
      for (const r of models.rows) {
        const e = expected.get(r.model)!;
        expect([r.model, r.totalTokens, r.people, r.activeDays]).toEqual([
          r.model,
          e.tokens,
          e.people,
          e.days.size,
        ]);
        expect(r.cost).toBeCloseTo(e.cost, 8);
      }
      expect(models.totalCost).toBeCloseTo(board.team.cost, 8);

      // Daily series: every chart's day is the members' day.
      const perDay: Record<string, number> = {};
      for (const u of own) for (const d of u.days) perDay[d.date] = (perDay[d.date] ?? 0) + d.cost;
      const nonZero = (o: Record<string, number>) =>
        Object.fromEntries(
          Object.entries(o)
            .filter(([, v]) => Math.abs(v) > 1e-12)
            .map(([k, v]) => [k, +v.toFixed(8)]),
        );
      const daily = await getModelDaily(scope);
      expect(nonZero(dayTotal(daily.cost))).toEqual(nonZero(perDay));
      for (const by of ["person", "model"] as const)
        expect(nonZero(dayTotal((await getTeamDailyCost(scope, by)).points))).toEqual(nonZero(perDay));
      const previous = await getPreviousDailyCost(scope);
      expect(sum(previous!)).toBeCloseTo(sum(own.map((u) => u.previous!.cost)), 8);

      // The comparison's row is the same group's leaderboard totals.
      const row = (await getGroupComparison(scope)).find((r) => r.name === group)!;
      expect(row).toMatchObject({
        members: members.length,
        activePeople: board.team.activePeople,
        totalTokens: board.team.totalTokens,
        activePersonDays: board.team.activePersonDays,
      });
      expect(row.cost).toBeCloseTo(board.team.cost, 8);
      expect(row.costPerActiveDay!).toBeCloseTo(board.team.costPerActiveDay!, 8);
    },
  );

  it.each(["g1", "g2"] as const)("%s: activity and adoption sum the members", async (which) => {
    const group = which === "g1" ? g1 : g2;
    const scope = await scopeOf({ ...ACTIVITY, group });
    const own = await usageOf(membersOf(group), scope);
    const commits = sum(own.map((u) => u.activity.commits));
    expect(commits).toBe(which === "g1" ? 1 + 10 + 2 + 20 : 2 + 20 + 3 + 30);
    const board = await getLeaderboard(scope, { sort: "cost", limit: 100 });
    expect(board.team.activity.commits).toBe(commits);
    const adoption = await getAdoption(scope);
    expect(adoption.activity.commits).toBe(commits);
    expect(adoption.days.map((d) => [d.date, d.telemetryPeople])).toEqual([
      ["2026-11-20", 2],
      ["2026-11-21", 0],
      ["2026-11-22", 2],
    ]);
  });

  it("counts everyone without a group, and refuses an unknown one naming `group`", async () => {
    const board = await getLeaderboard(await scopeOf(PERIOD), { sort: "cost", limit: 1000 });
    expect(board.rows.map((r) => r.username)).toEqual(expect.arrayContaining(people.map((p) => p.username)));
    const unknown = uniqueName("nope");
    await expect(scopeOf({ ...PERIOD, group: unknown })).rejects.toMatchObject({
      code: "invalid",
      message: `Invalid parameters: group no group is named "${unknown}".`,
      details: { problems: [{ path: "group" }] },
    });
    await expect(scopeOf({ group: "Not A Name!" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("group must be 1-50 characters"),
    });
  });

  it("refuses duplicates and unknown people without changing anything, and deletes groups", async () => {
    await expect(createGroup({ name: g1 }, CLI)).rejects.toMatchObject({ code: "conflict" });
    const ghost = uniqueName("ghost");
    await expect(addMembers(g2, [people[3].username, ghost], CLI)).rejects.toMatchObject({
      code: "not_found",
      message: `No user named "${ghost}".`,
    });
    expect((await listGroups()).find((g) => g.name === g2)!.members).not.toContain(people[3].username);
    await expect(addMembers(g1, [people[3].username], people[3])).rejects.toMatchObject({
      code: "forbidden",
    });
    const gone = uniqueName("gone");
    await createGroup({ name: gone }, CLI);
    await addMembers(gone, [people[0].username], CLI);
    expect(await deleteGroup(gone, CLI)).toEqual({ members: 1 });
    expect((await listGroups()).map((g) => g.name)).not.toContain(gone);
    await expect(deleteGroup(gone, CLI)).rejects.toMatchObject({ code: "not_found" });
    const audit = await database()
      .db.select({ action: auditLog.action, actor: auditLog.actorName, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.target, gone))
      .orderBy(auditLog.id);
    expect(audit).toEqual([
      { action: "group.create", actor: "cli", details: { displayName: gone } },
      { action: "group.add", actor: "cli", details: { usernames: [people[0].username] } },
      { action: "group.delete", actor: "cli", details: { members: 1 } },
    ]);
  });
});
