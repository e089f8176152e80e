import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Scope } from "@/lib/stats/scope";
import type { Standing } from "@/lib/stats/types";
import type { Db } from "../client";
import { getDb } from "../index";
import { users } from "../schema";
import { queryRows, selectRows } from "../sql";
import { userUsageRows } from "./rollup";

// Rank and share need everyone's cost in the period, so the team's order is read once per period and
// kept with the snapshot it was read in (pg_current_snapshot). An equal snapshot later means that no
// transaction has ended since, so the order would read the same: exact, and any write renews it.

/** The leaderboard's order of a period: each person's place (null when not on the board) and cost. */
interface TeamOrder {
  snapshot: string;
  teamCost: number;
  ranked: number;
  people: Map<number, { rank: number | null; cost: number }>;
}

/** Periods kept per database, least recently used first. */
const kept = new WeakMap<Db, Map<string, TeamOrder>>();
const MOST_KEPT = 16;
const dialect = new PgDialect();

/** A person's rank by cost and share of the team's cost, ranked as the leaderboard ranks them. */
export async function getStanding({ scope, userId }: { scope: Scope; userId: number }): Promise<Standing> {
  const order = await teamOrder(await getDb(), scope);
  const me = order.people.get(userId);
  return {
    rank: me?.rank ?? null,
    ranked: order.ranked,
    share: order.teamCost > 0 ? (me?.cost ?? 0) / order.teamCost : null,
  };
}

async function teamOrder(db: Db, scope: Scope): Promise<TeamOrder> {
  const rows = userUsageRows(scope, scope.period, { fields: "cost" });
  const { sql: text, params } = dialect.sqlToQuery(rows);
  const key = `${text}\n${JSON.stringify(params)}`;
  const orders = kept.get(db) ?? new Map<string, TeamOrder>();
  kept.set(db, orders);
  const known = orders.get(key);
  if (known) {
    const [now] = await selectRows(
      db,
      { snapshot: "text" },
      sql`select pg_current_snapshot()::text as snapshot`,
    );
    orders.delete(key); // set again below: the most recently used last
    if (now.snapshot === known.snapshot) {
      orders.set(key, known);
      return known;
    }
  }
  const order = await readOrder(db, rows);
  orders.set(key, order);
  if (orders.size > MOST_KEPT) orders.delete(orders.keys().next().value!);
  return order;
}

/**
 * Everyone's cost in the period and the order the leaderboard ranks them in (cost, then username), as
 * arrays in one row: a row per person would cost the database more than the sums do.
 */
async function readOrder(db: Db, rows: SQL): Promise<TeamOrder> {
  const [row] = await queryRows<{
    snapshot: string;
    team_cost: string | number;
    board: number[] | null;
    ids: number[] | null;
    costs: number[] | null;
  }>(
    db,
    sql`with per_user as (
          select user_id, sum(cost) as cost, sum(active_days) as active_days from (${rows}) usage group by user_id)
        select pg_current_snapshot()::text as snapshot, coalesce(sum(p.cost), 0) as team_cost,
          array_agg(p.user_id order by p.cost desc, u.username)
            filter (where p.active_days > 0 and not u.hidden_from_leaderboard) as board,
          array_agg(p.user_id) as ids, array_agg(p.cost::float8) as costs
        from per_user p join ${users} u on u.id = p.user_id`,
  );
  const board = row.board ?? [];
  const people = new Map<number, { rank: number | null; cost: number }>();
  (row.ids ?? []).forEach((id, i) => people.set(id, { rank: null, cost: row.costs![i] }));
  board.forEach((id, i) => (people.get(id)!.rank = i + 1));
  return { snapshot: row.snapshot, teamCost: Number(row.team_cost), ranked: board.length, people };
}
