import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { parseStatsQuery } from "@/lib/stats/query";
import { describeEachDriver, uniqueName } from "@/test/database";
import { dailyReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import { ingestUsage } from "./upload";
import { teamSettings } from "./schema";
import { getLeaderboard, getTeamDailyCost } from "./stats/leaderboard";
import { getModelDaily, getModels, getModelUsers } from "./stats/models";
import { getPersonCalendar, getPersonUsage } from "./stats/person";
import { resolveScope } from "@/server/stats/scope";
import { createUser } from "./accounts/users";

// All data here is in March 2002, which no other suite writes, so team-wide figures are exact.
// dailyReport(tokens) stores input = t, output = 2t, cache write = 3t, cache read = 4t (total 10t).

describeEachDriver("dashboard queries", ({ database }) => {
  let heavy: { id: number; username: string };
  let light: { id: number; username: string };

  beforeAll(async () => {
    heavy = await createUser({ username: uniqueName("heavy"), role: "member" }, CLI);
    light = await createUser({ username: uniqueName("light"), role: "member" }, CLI);
    const send = (user: typeof heavy, machine: string, days: Parameters<typeof dailyReport>[0]) => {
      const json = dailyReport(days);
      return ingestUsage({
        by: { ...user, role: "member" },
        machine,
        report: parseReport(json),
        mode: "merge",
        dryRun: false,
      });
    };
    await send(heavy, "laptop", {
      "2002-02-27": { "claude-opus": [100, 1] },
      "2002-03-01": { "claude-opus": [100, 2], "gpt-5": [10, 0.5] },
      "2002-03-03": { "claude-sonnet": [50, 0.25] },
    });
    await send(heavy, "desktop", { "2002-03-03": { "claude-sonnet": [50, 0.25] } });
    await send(light, "default", {
      "2002-03-02": { "claude-sonnet": [20, 0.1] },
      "2002-03-05": { "claude-sonnet": [1, 0.01] },
    });
  });

  const scope = (params: Record<string, string>) =>
    resolveScope(parseStatsQuery({ from: "2002-03-01", to: "2002-03-05", ...params }));

  it("ranks people with totals, active days, top model and the previous period", async () => {
    const board = await getLeaderboard(await scope({}), { sort: "cost", limit: 10 });
    expect(board.rows.map((r) => r.username)).toEqual([heavy.username, light.username]);
    expect(board.rows[0]).toMatchObject({
      rank: 1,
      cost: 3,
      inputTokens: 210,
      totalTokens: 2100,
      activeDays: 2,
      topModel: "claude-opus",
      previousCost: 1,
      cacheReadShare: 840 / (210 + 630 + 840),
    });
    expect(board.rows[1]).toMatchObject({
      cost: 0.11,
      activeDays: 2,
      topModel: "claude-sonnet",
      previousCost: 0,
    });
    expect(board.team).toMatchObject({ cost: 3.11, totalTokens: 2310, activePeople: 2, activePersonDays: 4 });
    expect(board.team.costPerActiveDay).toBeCloseTo(3.11 / 4, 10);
    expect(board.previousTeam).toMatchObject({ cost: 1, activePeople: 1 });
  });

  it("filters to Claude models, sorts by tokens, and limits", async () => {
    const board = await getLeaderboard(await scope({ provider: "claude" }), { sort: "tokens", limit: 1 });
    expect(board.rows).toHaveLength(1);
    expect(board.rows[0]).toMatchObject({ username: heavy.username, cost: 2.5, totalTokens: 2000 });
    expect(board.team.cost).toBe(2.61);
  });

  it("gap-fills the team's daily cost, stacked by person or model", async () => {
    const byPerson = await getTeamDailyCost(await scope({}), "person");
    expect(byPerson.keys).toEqual([heavy.username, light.username]);
    expect(byPerson.points.map((p) => p.date)).toEqual([
      "2002-03-01",
      "2002-03-02",
      "2002-03-03",
      "2002-03-04",
      "2002-03-05",
    ]);
    expect(byPerson.points[3].values).toEqual({ [heavy.username]: 0, [light.username]: 0 });
    expect(byPerson.points[2].values[heavy.username]).toBe(0.5);
    const byModel = await getTeamDailyCost(await scope({}), "model");
    expect(byModel.keys).toEqual(["claude-opus", "claude-sonnet", "gpt-5"]);
  });

  it("gives a person's days with per-model rows, machines and calendar", async () => {
    const usage = await getPersonUsage(await scope({}), heavy.id);
    expect(usage.totals).toMatchObject({ cost: 3, activeDays: 2 });
    expect(usage.previous).toMatchObject({ cost: 1, activeDays: 1 });
    expect(usage.days.map((d) => [d.date, d.cost, d.models.length])).toEqual([
      ["2002-03-01", 2.5, 2],
      ["2002-03-03", 0.5, 1],
    ]);
    expect(usage.days[1].models[0]).toMatchObject({
      model: "claude-sonnet",
      provider: "anthropic",
      inputTokens: 100,
    });
    expect(usage.machines.map((m) => [m.name, m.activeDays, m.cost]).sort()).toEqual([
      ["desktop", 1, 0.25],
      ["laptop", 2, 2.75],
    ]);
    const calendar = await getPersonCalendar(await scope({}), heavy.id);
    expect(calendar).toMatchObject({
      from: "2002-03-01",
      to: "2002-03-05",
      data: { earliest: "2002-02-27", latest: "2002-03-03" },
    });
    expect(calendar.days.map((d) => [d.date, d.cost])).toEqual([
      ["2002-03-01", 2.5],
      ["2002-03-03", 0.5],
    ]);
    // A longer period starts at the person's first day, not years of empty weeks before it.
    const year = await getPersonCalendar(await scope({ from: "2001-01-01" }), heavy.id);
    expect(year).toMatchObject({ from: "2002-02-27", to: "2002-03-05" });
    expect(year.days).toHaveLength(3);
  });

  it("lists models with their share of spend and top users", async () => {
    const s = await scope({});
    const { rows, totalCost } = await getModels(s, { sort: "cost", limit: 10 });
    expect(totalCost).toBe(3.11);
    expect(rows.map((r) => [r.model, r.provider, r.cost, r.people])).toEqual([
      ["claude-opus", "anthropic", 2, 1],
      ["claude-sonnet", "anthropic", 0.61, 2],
      ["gpt-5", "openai", 0.5, 1],
    ]);
    expect(rows.reduce((n, r) => n + r.shareOfCost, 0)).toBeCloseTo(1, 10);
    expect(rows[0].previousCost).toBe(1);
    const users = await getModelUsers(s, "claude-sonnet", 10);
    expect(users.map((u) => [u.username, u.cost])).toEqual([
      [heavy.username, 0.5],
      [light.username, 0.11],
    ]);
    const daily = await getModelDaily(s, "claude-sonnet");
    expect(daily.keys).toEqual(["claude-sonnet"]);
    expect(daily.tokens.map((p) => p.values["claude-sonnet"])).toEqual([0, 200, 1000, 0, 10]);
  });

  it("counts today in the team's timezone", async () => {
    const db = database().db;
    const now = new Date("2002-03-04T11:00:00Z"); // already March 5 in UTC+14
    try {
      const utc = await resolveScope(parseStatsQuery({ range: "today" }), now);
      expect(utc.period).toMatchObject({ from: "2002-03-04", to: "2002-03-04" });
      await db.update(teamSettings).set({ timezone: "Pacific/Kiritimati" }).where(eq(teamSettings.id, 1));
      const kiribati = await resolveScope(parseStatsQuery({ range: "today" }), now);
      expect(kiribati.period).toMatchObject({ from: "2002-03-05", to: "2002-03-05" });
      const board = await getLeaderboard(kiribati, { sort: "cost", limit: 10 });
      expect(board.rows.map((r) => [r.username, r.cost])).toEqual([[light.username, 0.01]]);
    } finally {
      await db.update(teamSettings).set({ timezone: "UTC" }).where(eq(teamSettings.id, 1));
    }
  });
});
