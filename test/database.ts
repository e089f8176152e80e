import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type Database, type Driver } from "@/db/client";
import { closeDatabase, setDatabase } from "@/db";
import { readDatabaseConfig } from "@/lib/config";

/** The drivers database suites run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DRIVERS: Driver[] = inject("pgUrl") ? ["pglite", "postgres"] : ["pglite"];

export function openTestDatabase(driver: Driver): Promise<Database> {
  if (driver === "postgres") {
    return openDatabase({
      config: { ...readDatabaseConfig({ DATABASE_URL: inject("pgUrl") }), poolSize: 8 },
    });
  }
  return openDatabase({ config: readDatabaseConfig({}), pgliteLocation: "memory://" });
}

/**
 * Runs `suite` once per driver with that driver's database as the process-wide one (what getDb()
 * returns). PGlite is in memory and fresh per file; PostgreSQL is this run's throwaway database, shared
 * by all files, so tests create their own users with unique names and assert only on those.
 */
export function describeEachDriver(name: string, suite: (context: { database: () => Database }) => void) {
  describe.each(DRIVERS)(`${name} [%s]`, (driver) => {
    let database: Database;
    beforeAll(async () => {
      database = await openTestDatabase(driver);
      setDatabase(database);
    });
    afterAll(() => closeDatabase());
    suite({ database: () => database });
  });
}

let counter = 0;
/** A username no other test in this run uses. */
export function uniqueName(prefix = "u") {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`.toLowerCase();
}
