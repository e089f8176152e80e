import { sql } from "drizzle-orm";
import { readDatabaseConfig } from "@/lib/config";
import { loggable } from "@/lib/errors";
import { getDatabase, type Driver } from "./index";

export type DatabaseReadings = {
  driver: Driver;
  /** Connections this server may open: its pool size, or 1 for the embedded database. */
  poolSize: number;
} & (
  | { up: false }
  | {
      up: true;
      /** This app's connections to PostgreSQL by state (every server's: they share the app's name). */
      connections: { state: string; count: number }[];
      /** Seconds since the newest upload arrived; null before the first. */
      lastUploadAgeSeconds: number | null;
    }
);

const SCRAPE_TIMEOUT_MS = 5_000;

/** What a metrics scrape reads from the database: two small queries, given up after a few seconds. */
export async function readDatabaseMetrics(): Promise<DatabaseReadings> {
  const config = readDatabaseConfig();
  let driver: Driver = config.url ? "postgres" : "pglite";
  const poolSize = () => (driver === "postgres" ? config.poolSize : 1);
  let timer: NodeJS.Timeout | undefined;
  try {
    const read = (async () => {
      const database = await getDatabase();
      driver = database.driver;
      // From the machines, not the stored uploads: those are pruned after the team's retention.
      const [upload] = await database.rows<{ age: string | number | null }>(
        sql`select extract(epoch from now() - max(last_upload_at)) as age from machines`,
      );
      const connections =
        database.driver === "postgres"
          ? await database.rows<{ state: string; count: string | number }>(
              sql`select coalesce(state, 'unknown') as state, count(*) as count from pg_stat_activity
                  where datname = current_database() and application_name = current_setting('application_name')
                  group by 1`,
            )
          : [];
      return {
        connections: connections.map((c) => ({ state: c.state, count: Number(c.count) })),
        lastUploadAgeSeconds: upload.age === null ? null : Math.max(0, Number(upload.age)),
      };
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${SCRAPE_TIMEOUT_MS} ms`)),
        SCRAPE_TIMEOUT_MS,
      );
    });
    const readings = await Promise.race([read, timeout]);
    return { driver, poolSize: poolSize(), up: true, ...readings };
  } catch (error) {
    console.error("[metrics] could not read the database:", loggable(error));
    return { driver, poolSize: poolSize(), up: false };
  } finally {
    clearTimeout(timer);
  }
}
