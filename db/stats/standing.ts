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
        me as (
          select p.cost, u.username, p.active_days > 0 and not u.hidden_from_leaderboard as on_board
          from per_user p join ${users} u on u.id = p.user_id where p.user_id = ${userId})
        -- One pass over everyone: the team's cost, who is on the board, and who ranks ahead of me.
        select coalesce(sum(p.cost), 0) as team_cost,
          coalesce((select cost from me), 0) as cost,
          count(*) filter (where p.active_days > 0 and not u.hidden_from_leaderboard) as ranked,
          (select count(*) from me where on_board) as on_board,
          count(*) filter (where p.active_days > 0 and not u.hidden_from_leaderboard and me.on_board
            and (p.cost > me.cost or (p.cost = me.cost and u.username < me.username))) as ahead
        from per_user p join ${users} u on u.id = p.user_id left join me on true`,
  );
  return {
    rank: row.on_board ? row.ahead + 1 : null,
    ranked: row.ranked,
    share: row.team_cost > 0 ? row.cost / row.team_cost : null,
  };
}
