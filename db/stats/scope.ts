import { max, min, sql, type SQL } from "drizzle-orm";
import type { DataBounds } from "@/lib/period";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { groupMembers, modelDayUsage, modelUsage, usageStats } from "../schema";
import { USAGE } from "./sums";

/** The earliest and latest usage dates, both null before the first upload: two index lookups. */
export async function getDataBounds(): Promise<DataBounds> {
  const db = await getDb();
  const [data] = await db
    .select({ earliest: min(usageStats.date), latest: max(usageStats.date) })
    .from(usageStats);
  return data;
}

/** `and provider = 'anthropic'` for "Claude only", nothing for all providers. */
export function providerFilter(scope: Pick<Scope, "provider">, column = sql.raw("provider")): SQL {
  return scope.provider === "claude" ? sql` and ${column} = 'anthropic'` : sql``;
}

/**
 * ` and user_id = any(the group's members)` with `?group=`, nothing without it (the statement then stays
 * exactly as it was). Every per-person read adds it, so all of a page's figures cover the same people.
 */
export function memberFilter(scope: Pick<Scope, "group">, column = sql.raw("user_id")): SQL {
  return scope.group
    ? sql` and ${column} = any(array(select user_id from ${groupMembers} where group_id = ${scope.group.id}))`
    : sql``;
}

/**
 * The team's usage per model and day: model_day_usage (one row per day and model, for the whole team),
 * or with a group its members' own model_usage rows (one per person, day and model) under the same name
 * and columns. Count days with `count(distinct date)` over it, never rows.
 */
export function modelDays(scope: Pick<Scope, "group">): SQL {
  return scope.group
    ? sql`(select date, model, provider, ${USAGE} from ${modelUsage} where true${memberFilter(scope)}) model_day_usage`
    : sql`${modelDayUsage}`;
}
