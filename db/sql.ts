import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Runs raw SQL and returns its rows. postgres-js returns an array, PGlite `{ rows }`: this is the one
 * place that difference is handled.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * A date[] parameter: one bind parameter however many dates (an IN list would use one per date and
 * hit the 65,535-parameter limit on long histories). Dates are validated YYYY-MM-DD strings.
 */
export function dateArray(dates: readonly string[]): SQL {
  return sql`${`{${dates.join(",")}}`}::date[]`;
}
