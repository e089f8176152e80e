import { sql } from "drizzle-orm";
import type { Scope } from "@/lib/stats/scope";
import { todayIn } from "@/lib/period";
import { digestPayload, digestWeek, type DigestFigures } from "@/lib/webhooks/digest";
import { getDb } from "../index";
import type { Db } from "../client";
import { getTeamSettings } from "../team-settings";
import { getLeaderboard } from "../stats/leaderboard";
import { getGroupComparison } from "../stats/groups";
import { selectRows } from "../sql";
import { getDataBounds } from "../stats/scope";
import { raiseAlert } from "./raise";

const TOP_PEOPLE = 5;

/** Spend per group in the week and the week before: the leaderboard's group comparison of each week. */
async function groupSpend(scope: Scope): Promise<DigestFigures["groups"]> {
  const [now, before] = await Promise.all([
    getGroupComparison(scope),
    getGroupComparison({ ...scope, period: { ...scope.period, ...scope.period.previous!, previous: null } }),
  ]);
  const previous = new Map(before.map((g) => [g.name, g.cost]));
  return now.map((g) => ({
    name: g.name,
    displayName: g.displayName,
    members: g.members,
    cost: g.cost,
    previousCost: previous.get(g.name) ?? 0,
  }));
}

/** The digest's figures for the week `from`..`to`, from the dashboard's own queries (the leaderboard's). */
export async function digestFigures(
  week: ReturnType<typeof digestWeek>,
  timezone: string,
): Promise<DigestFigures> {
  const scope: Scope = {
    period: { range: "custom", from: week.from, to: week.to, days: 7, previous: week.previous },
    provider: "all",
    timezone,
    data: await getDataBounds(),
    group: null,
  };
  const [board, groups] = await Promise.all([
    getLeaderboard(scope, { sort: "cost", limit: TOP_PEOPLE }),
    groupSpend(scope),
  ]);
  return {
    week: { from: week.from, to: week.to },
    previousWeek: week.previous,
    team: {
      cost: board.team.cost,
      previousCost: board.previousTeam?.cost ?? 0,
      change: null,
      activePeople: board.team.activePeople,
    },
    groups,
    topPeople: board.rows.map((r) => ({
      username: r.username,
      displayName: r.displayName,
      cost: r.cost,
      previousCost: r.previousCost ?? 0,
    })),
  };
}

/**
 * Raises last week's digest when it is due: some webhook wants digests and it was not raised yet. Called
 * by every server's delivery worker; the alerts' unique key makes it once per week across servers.
 * Returns the alert's id when this call raised it.
 */
export async function raiseWeeklyDigest(db?: Db, now = new Date()): Promise<number | null> {
  db ??= await getDb();
  const team = await getTeamSettings();
  const week = digestWeek(todayIn(team.timezone, now));
  const [due] = await selectRows(
    db,
    { wanted: "number" },
    sql`select (exists (select 1 from webhooks where digest)
          and not exists (select 1 from alerts
            where kind = 'digest' and budget_id is null and period_start = ${week.from}::date))::int as wanted`,
  );
  if (!due.wanted) return null;
  const payload = digestPayload(await digestFigures(week, team.timezone));
  return raiseAlert(db, { budgetId: null, kind: "digest", threshold: 0, periodStart: week.from, payload });
}
