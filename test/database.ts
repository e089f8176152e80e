import type { Logger } from "drizzle-orm";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type Database, type Driver } from "@/db/client";
import { closeDatabase, setDatabase } from "@/db";
import { readDatabaseConfig } from "@/lib/config";

/** The drivers database suites run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DRIVERS: Driver[] = inject("pgUrl") ? ["pglite", "postgres"] : ["pglite"];

export function openTestDatabase(driver: Driver, logger?: Logger): Promise<Database> {
  if (driver === "postgres") {
    const config = { ...readDatabaseConfig({ DATABASE_URL: inject("pgUrl") }), poolSize: 8 };
    return openDatabase({ config, logger });
  }
  return openDatabase({ config: readDatabaseConfig({}), pgliteLocation: "memory://", logger });
}

/** Counts the SQL statements Drizzle sends, for tests that bound the number of round trips. */
export class StatementCounter implements Logger {
  count = 0;
  logQuery() {
    this.count++;
  }
}

/**
 * Runs `suite` once per driver with that driver's database as the process-wide one (what getDb()
 * returns). PGlite is in memory and fresh per file; PostgreSQL is this run's throwaway database, shared
 * by all files, so tests create their own users with unique names and assert only on those.
 */
export function describeEachDriver(
  name: string,
  suite: (context: { database: () => Database; statements: StatementCounter }) => void,
) {
  describe.each(DRIVERS)(`${name} [%s]`, (driver) => {
    let database: Database;
    const statements = new StatementCounter();
    beforeAll(async () => {
      database = await openTestDatabase(driver, statements);
      setDatabase(database);
    });
    afterAll(() => closeDatabase());
    suite({ database: () => database, statements });
  });
}

let counter = 0;
/** A username no other test in this run uses. */
export function uniqueName(prefix = "u") {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`.toLowerCase();
}
