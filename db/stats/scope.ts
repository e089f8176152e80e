import { max, min, sql, type SQL } from "drizzle-orm";
import type { DataBounds } from "@/lib/period";
import type { Scope } from "@/lib/stats/scope";
import { getDb } from "../index";
import { usageStats } from "../schema";

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
