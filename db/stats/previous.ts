import { sql } from "drizzle-orm";
import { toDayNumber } from "@/lib/dates";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { modelUsage } from "../schema";
import { selectRows } from "../sql";
import { modelDays, providerFilter } from "./scope";

/**
 * The cost of each day of the previous period, laid on this period's days (its first day on this one's
 * first day): the charts' "previous period" line. Null when the period has none (all time). One person's
 * or one model's cost with `userId` or `model`, else the team's.
 */
export async function getPreviousDailyCost(
  scope: Scope,
  only: { userId?: number; model?: string } = {},
): Promise<number[] | null> {
  const previous = scope.period.previous;
  if (!previous) return null;
  const db = await getDb();
  const days = sql`date between ${previous.from} and ${previous.to}${providerFilter(scope)}`;
  const rows = await selectRows(
    db,
    { date: "text", cost: "number" },
    only.userId !== undefined
      ? sql`select date::text as date, sum(cost) as cost from ${modelUsage}
            where user_id = ${only.userId} and ${days} group by date`
      : sql`select date::text as date, sum(cost) as cost from ${modelDays(scope)}
            where ${days}${only.model === undefined ? sql`` : sql` and model = ${only.model}`} group by date`,
  );
  const costs = new Array<number>(scope.period.days).fill(0);
  for (const row of rows) costs[toDayNumber(row.date) - toDayNumber(previous.from)] = row.cost;
  return costs;
}
