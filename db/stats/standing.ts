import { sql } from "drizzle-orm";
import type { Scope } from "@/lib/stats/scope";
import type { Standing } from "@/lib/stats/types";
import { getDb } from "../index";
import { users } from "../schema";
import { selectRows } from "../sql";
import { userUsageRows } from "./rollup";

/**
 * A person's rank by cost and share of the team's cost, in one statement over the rollups the
 * leaderboard reads, ranked as it ranks (cost, then username; active and not hidden), so both agree.
 */
export async function getStanding({ scope, userId }: { scope: Scope; userId: number }): Promise<Standing> {
  const db = await getDb();
  const [row] = await selectRows(
    db,
    { team_cost: "number", cost: "number", ranked: "number", on_board: "number", ahead: "number" },
    sql`with per_user as (
          select user_id, sum(cost) as cost, sum(active_days) as active_days
          from (${userUsageRows(scope, scope.period, sql`true`, "cost")}) usage group by user_id),
        ranked as (
          select p.user_id, p.cost, u.username from per_user p join ${users} u on u.id = p.user_id
          where p.active_days > 0 and not u.hidden_from_leaderboard),
        me as (select cost, username from ranked where user_id = ${userId})
        select
          (select coalesce(sum(cost), 0) from per_user) as team_cost,
          (select coalesce(sum(cost), 0) from per_user where user_id = ${userId}) as cost,
          (select count(*) from ranked) as ranked,
          (select count(*) from me) as on_board,
          (select count(*) from ranked, me
            where ranked.cost > me.cost or (ranked.cost = me.cost and ranked.username < me.username)) as ahead`,
  );
  return {
    rank: row.on_board ? row.ahead + 1 : null,
    ranked: row.ranked,
    share: row.team_cost > 0 ? row.cost / row.team_cost : null,
  };
}
