import { sql } from "drizzle-orm";
import { getDb } from "./index";
import { usageStats } from "./schema";
import { queryRows } from "./sql";

/** Whether anyone has uploaded usage yet (the home page shows how to start until then). One index probe. */
export async function hasAnyUsage(): Promise<boolean> {
  const db = await getDb();
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from ${usageStats}) as found`,
  );
  return row.found === true;
}
