import { openDatabase, type Database } from "./client";

export type { Database, Db, Driver } from "./client";

// One client per process. Next evaluates this module once per bundle (instrumentation, pages, route
// handlers), so the handle lives on globalThis rather than in a module variable.
const store = globalThis as typeof globalThis & { __ccsDatabase?: Promise<Database> };

/** The process-wide database, opened (and migrated) on first use. */
export function getDatabase(): Promise<Database> {
  if (!store.__ccsDatabase) {
    store.__ccsDatabase = openDatabase().catch((error) => {
      store.__ccsDatabase = undefined; // let the next request try again (e.g. PostgreSQL was down)
      throw error;
    });
  }
  return store.__ccsDatabase;
}

/** Makes `database` the process-wide one (tests, and scripts that open a database themselves). */
export function setDatabase(database: Database) {
  store.__ccsDatabase = Promise.resolve(database);
}

/** Shorthand for query functions: the Drizzle instance of the process-wide database. */
export async function getDb() {
  return (await getDatabase()).db;
}

/** Closes the process-wide database if it was opened (scripts call this before exiting). */
export async function closeDatabase() {
  const pending = store.__ccsDatabase;
  store.__ccsDatabase = undefined;
  const database = await pending?.catch(() => undefined);
  await database?.close();
}
