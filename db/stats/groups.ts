import { sql } from "drizzle-orm";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { groupMembers, groups } from "../schema";
import { selectRows } from "../sql";
import { userUsageRows } from "./rollup";
import { TOKENS } from "./sums";

export interface GroupComparisonRow {
  name: string;
  displayName: string;
  members: number;
  /** Members with usage in the period. */
  activePeople: number;
  cost: number;
  totalTokens: number;
  /** The members' days with usage, summed over the members. */
  activePersonDays: number;
  /** Average cost per member on the days they used Claude Code (the leaderboard's figure, per group). */
  costPerActiveDay: number | null;
}

/**
 * Every group's totals over the period, side by side, from the same per-person rollups the leaderboard
 * reads (so a group's row equals the leaderboard with `?group=`). A person in two groups counts in both.
 * Compares all groups: the scope's own group, if any, is ignored.
 */
export async function getGroupComparison(scope: Scope): Promise<GroupComparisonRow[]> {
  const db = await getDb();
  const everyone = { ...scope, group: null };
  const rows = await selectRows(
    db,
    {
      name: "text",
      display_name: "text",
      members: "number",
      active_people: "number",
      cost: "number",
      total_tokens: "number",
      person_days: "number",
    },
    sql`with per_user as (
          select user_id, sum(cost) as cost, sum(${TOKENS}) as total_tokens, sum(active_days) as active_days
          from (${userUsageRows(everyone, scope.period, { where: sql`user_id = any(array(select user_id from ${groupMembers}))` })}) usage
          group by user_id)
        select g.name, g.display_name, count(m.user_id) as members,
          count(p.user_id) filter (where p.active_days > 0) as active_people,
          coalesce(sum(p.cost), 0) as cost, coalesce(sum(p.total_tokens), 0) as total_tokens,
          coalesce(sum(p.active_days), 0) as person_days
        from ${groups} g left join ${groupMembers} m on m.group_id = g.id
          left join per_user p on p.user_id = m.user_id
        group by g.id
        order by cost desc, g.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    displayName: r.display_name,
    members: r.members,
    activePeople: r.active_people,
    cost: r.cost,
    totalTokens: r.total_tokens,
    activePersonDays: r.person_days,
    costPerActiveDay: r.person_days ? r.cost / r.person_days : null,
  }));
}
