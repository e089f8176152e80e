import { beforeAll, expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { parseStatsQuery } from "@/lib/stats/query";
import { CLI } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { BUCKETS } from "@/lib/charts/buckets";
import { describeEachDriver, uniqueName } from "@/test/database";
import { resolveScope } from "@/server/stats/scope";
import { createUser } from "./accounts/users";
import { updateProfile } from "./accounts/self-service";
import { ingestUsage } from "./upload";
import { getLeaderboard } from "./stats/leaderboard";
import { getStanding } from "./stats/standing";
import type { Scope } from "@/lib/stats/scope";
import type { Bucket } from "@/lib/charts/buckets";

/** Each ranked person's spark line costs, as the leaderboard page asks for them. */
async function getCostTrends({ scope, bucket }: { scope: Scope; bucket: Bucket }) {
  const board = await getLeaderboard(scope, { sort: "cost", limit: 10, trend: bucket });
  return new Map(board.rows.map((r) => [r.username, r.trend!]));
}

// All data here is in 2007, which no other suite writes, so team-wide figures are exact.

describeEachDriver("spark lines and standing", () => {
  const people: { id: number; username: string }[] = [];
  let hidden: { id: number; username: string };

  beforeAll(async () => {
    const send = async (name: string, days: Parameters<typeof dailyReport>[0]) => {
      const user = await createUser({ username: uniqueName(name), role: "member" }, CLI);
      await ingestUsage({
        by: { ...user, role: "member" },
        machine: "default",
        report: parseReport(dailyReport(days)),
        mode: "merge",
        dryRun: false,
      });
      return user;
    };
    people.push(
      await send("spark-a", {
        "2007-01-14": { "claude-opus": [100, 9] }, // before the period
        "2007-01-15": { "claude-opus": [100, 1] },
        "2007-02-10": { "claude-opus": [100, 2], "gpt-5": [10, 0.5] },
        "2007-03-31": { "claude-sonnet": [100, 0.25] },
        "2007-04-10": { "claude-sonnet": [100, 4] },
      }),
      await send("spark-b", { "2007-02-11": { "gpt-5": [10, 3] }, "2007-03-01": { "claude-opus": [10, 1] } }),
      // Ties with b on Claude models: the username decides, as on the leaderboard.
      await send("spark-c", { "2007-03-02": { "claude-opus": [10, 1] } }),
    );
    hidden = await send("spark-hidden", { "2007-02-01": { "claude-opus": [10, 5] } });
    await updateProfile(
      { ...hidden, role: "member" },
      {
        displayName: hidden.username,
        hiddenFromLeaderboard: true,
      },
    );
  });

  const scope = (provider = "all") =>
    resolveScope(parseStatsQuery({ from: "2007-01-15", to: "2007-04-10", provider }));

  it("sums each person's cost per day, week and month of the period", async () => {
    const months = await getCostTrends({ scope: await scope(), bucket: "month" });
    expect(months.get(people[0].username)).toEqual([1, 2.5, 0.25, 4]);
    expect(months.get(people[1].username)).toEqual([0, 3, 1, 0]);
    const weeks = await getCostTrends({ scope: await scope(), bucket: "week" });
    // 2007-01-15 is a Monday: 13 whole weeks and the 9th and 10th of April.
    expect(weeks.get(people[0].username)).toHaveLength(13);
    expect(weeks.get(people[0].username)?.filter((c) => c > 0)).toEqual([1, 2.5, 0.25, 4]);
    const days = await getCostTrends({ scope: await scope(), bucket: "day" });
    // Only the ranked: not the hidden person.
    expect(days.has(hidden.username)).toBe(false);
    expect(days.get(people[2].username)).toHaveLength(86);
    expect(days.get(people[2].username)?.[46]).toBe(1); // 2007-03-02
  });

  it("add up to the leaderboard's cost for every bucket and provider", async () => {
    for (const provider of ["all", "claude"]) {
      const s = await scope(provider);
      const board = await getLeaderboard(s, { sort: "cost", limit: 10 });
      expect(board.rows.length).toBeGreaterThan(0);
      expect(board.rows[0].trend).toBeUndefined();
      for (const bucket of BUCKETS) {
        const trends = await getCostTrends({ scope: s, bucket });
        expect([...trends.keys()]).toEqual(board.rows.map((r) => r.username));
        for (const row of board.rows)
          expect(trends.get(row.username)!.reduce((a, b) => a + b, 0)).toBeCloseTo(row.cost, 10);
      }
    }
  });

  it("ranks a person and gives their share of the team's cost as the leaderboard does", async () => {
    for (const provider of ["all", "claude"]) {
      const s = await scope(provider);
      const board = await getLeaderboard(s, { sort: "cost", limit: 10 });
      for (const row of board.rows) {
        const person = people.find((p) => p.username === row.username)!;
        const standing = await getStanding({ scope: s, userId: person.id });
        expect(standing.rank).toBe(row.rank);
        expect(standing.ranked).toBe(board.rows.length);
        expect(standing.share).toBeCloseTo(row.cost / board.team.cost, 10);
      }
      // Hidden: no rank, but their cost is part of the team's.
      const own = await getStanding({ scope: s, userId: hidden.id });
      expect(own.rank).toBeNull();
      expect(own.share).toBeCloseTo(5 / board.team.cost, 10);
    }
    const claude = await getLeaderboard(await scope("claude"), { sort: "cost", limit: 10 });
    expect(claude.rows.map((r) => r.username)).toEqual([
      people[0].username,
      people[1].username,
      people[2].username,
    ]);
  });

  it("follows every change to the team at once, however recently the period was read", async () => {
    const s = await scope("claude");
    const c = people[2];
    expect(await getStanding({ scope: s, userId: c.id })).toMatchObject({ rank: 3, ranked: 3 });
    expect(await getStanding({ scope: s, userId: c.id })).toMatchObject({ rank: 3, ranked: 3 });
    // One more cent in the period puts c ahead of b, with whom c was tied.
    await ingestUsage({
      by: { ...c, role: "member" },
      machine: "default",
      report: parseReport(dailyReport({ "2007-03-03": { "claude-opus": [10, 0.01] } })),
      mode: "merge",
      dryRun: false,
    });
    const board = await getLeaderboard(s, { sort: "cost", limit: 10 });
    expect(board.rows.map((r) => r.username)).toEqual([people[0], c, people[1]].map((p) => p.username));
    const now = await getStanding({ scope: s, userId: c.id });
    expect(now.rank).toBe(2);
    expect(now.share).toBeCloseTo(1.01 / board.team.cost, 10);
    await updateProfile({ ...c, role: "member" }, { displayName: c.username, hiddenFromLeaderboard: true });
    expect(await getStanding({ scope: s, userId: c.id })).toMatchObject({ rank: null, ranked: 2 });
    expect(await getStanding({ scope: s, userId: people[1].id })).toMatchObject({ rank: 2, ranked: 2 });
  });

  it("has no rank for someone without usage in the period, and no share when nobody spent", async () => {
    const empty = await resolveScope(parseStatsQuery({ from: "2007-06-01", to: "2007-06-30" }));
    expect(await getStanding({ scope: empty, userId: people[0].id })).toEqual({
      rank: null,
      ranked: 0,
      share: null,
    });
    expect((await getCostTrends({ scope: empty, bucket: "week" })).size).toBe(0);
  });
});
