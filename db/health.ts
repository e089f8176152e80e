import { sql } from "drizzle-orm";
import { readDatabaseConfig } from "@/lib/config";
import { loggable } from "@/lib/errors";
import { getDatabase, type Driver } from "./index";

export type DatabaseHealth =
  | { reachable: true; driver: Driver; migrations: number }
  | { reachable: false; driver: Driver; error: string };

const HEALTH_TIMEOUT_MS = 5_000;

/** Pings the database and counts applied migrations, giving up after a few seconds instead of hanging. */
export async function checkDatabaseHealth(): Promise<DatabaseHealth> {
  let driver: Driver = readDatabaseConfig().url ? "postgres" : "pglite";
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const database = await getDatabase();
      driver = database.driver;
      const [row] = await database.rows<{ count: number | string }>(
        sql`select count(*) as count from drizzle.__drizzle_migrations`,
      );
      return Number(row.count);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
        HEALTH_TIMEOUT_MS,
      );
    });
    const migrations = await Promise.race([probe, timeout]);
    return { reachable: true, driver, migrations };
  } catch (error) {
    // The cause goes to the server log only: it can name hosts, paths or users.
    console.error("[health] database check failed:", loggable(error));
    return { reachable: false, driver, error: "database unavailable (details in the server log)" };
  } finally {
    clearTimeout(timer);
  }
}
