import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { readDatabaseConfig, type DatabaseConfig } from "@/lib/config";
import { acquireDirLock, releaseDirLock } from "@/lib/dir-lock";
import * as schema from "./schema";
import { queryRows } from "./sql";

// Both drivers satisfy PgDatabase, so every query in db/ is written once and runs on either.
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Driver = "pglite" | "postgres";

export type Database = {
  db: Db;
  /** Runs a raw SQL statement and returns its rows, whichever driver is underneath. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
} & ({ driver: "postgres"; client: import("postgres").Sql } | { driver: "pglite"; client: PGlite });

export const MIGRATIONS = path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle");
// Serialises migrations when several servers start against one PostgreSQL at once.
const MIGRATION_LOCK_KEY = 727_270_001;

/**
 * Opens the database the environment names and applies pending migrations:
 * PostgreSQL via postgres-js when DATABASE_URL is set, otherwise PGlite in DATA_DIR/pglite.
 * `location` overrides the PGlite directory ("memory://" for tests).
 */
export async function openDatabase(
  options: { config?: DatabaseConfig; pgliteLocation?: string; migrate?: boolean; logger?: Logger } = {},
): Promise<Database> {
  const config = options.config ?? readDatabaseConfig();
  const database = config.url
    ? await openPostgres(config, options.logger)
    : await openPglite(config, options.pgliteLocation, options.logger);
  if (options.migrate !== false) await database.migrate();
  return database;
}

type Opened = Database & { migrate(): Promise<void> };

async function openPostgres(config: DatabaseConfig, logger?: Logger): Promise<Opened> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(config.url!, {
    max: config.poolSize,
    connect_timeout: config.connectTimeoutSeconds,
    idle_timeout: 60,
    // A request must never wait minutes on a stuck statement or a dead server. No parallel workers: the
    // dashboard's statements are small, and starting workers costs them more than it saves (README).
    connection: {
      statement_timeout: config.statementTimeoutMs,
      application_name: "claude-code-stats",
      // A string: postgres-js leaves out startup parameters whose value is falsy, so a number 0 never arrives.
      max_parallel_workers_per_gather: "0",
    },
    onnotice: () => {},
  });
  // Past this, a statement's own timeout would have fired on a live server: it is frozen or unreachable.
  const deadlineMs = config.statementTimeoutMs + config.connectTimeoutSeconds * 1000;
  const db = drizzle(guardedClient(client, deadlineMs), {
    schema,
    casing: "snake_case",
    logger,
  }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    client,
    rows: (query) => queryRows(db, query),
    async migrate() {
      // One session of its own, without the request statement timeout: a migration that backfills a
      // large table (e.g. the monthly rollups over years of history) may rightly take minutes.
      const session = postgres(config.url!, {
        max: 1,
        connect_timeout: config.connectTimeoutSeconds,
        connection: { application_name: "claude-code-stats migrate" },
        // Its only query before the SET below (listing array types) is not needed to migrate.
        fetch_types: false,
        onnotice: () => {},
      });
      try {
        // A statement rather than a startup parameter: postgres-js drops a startup value of 0, and
        // PgBouncer may be told to ignore it; the database's or role's default may be short.
        await session`set statement_timeout = 0`;
        await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(drizzle(session, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS });
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

type PostgresClient = import("postgres").Sql;

/** A database call that outlived its deadline: the server is frozen, unreachable behind a stuck socket, or swamped. */
export class DatabaseDeadlineError extends Error {
  readonly code = "DATABASE_DEADLINE";
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = "DatabaseDeadlineError";
  }
}

/** `work`, or a DatabaseDeadlineError once `ms` have passed without it settling. */
function withDeadline<T>(work: PromiseLike<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new DatabaseDeadlineError(ms));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The client the app queries through. Every statement is a named prepared statement: Drizzle asks
 * postgres-js for unnamed ones, which it sends as two round trips every time (describe, then execute) and
 * the server plans anew; prepared, a statement seen before on a connection is one round trip and reuses
 * its plan (the app's statements are a fixed set of shapes, so the per-connection cache stays small).
 *
 * And every statement, and every transaction as a whole, settles within `deadlineMs`: the server's
 * statement_timeout cannot fire when the server itself is frozen or the connection silently dead, and a
 * request must then fail (503) rather than wait for ever. A transaction past its deadline sends no further
 * statement and rolls back if its work ever comes back.
 */
function guardedClient<T extends PostgresClient>(client: T, deadlineMs: number, abandoned = () => false): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (query: string, params?: never[], options?: object) => {
          if (abandoned()) throw new DatabaseDeadlineError(deadlineMs);
          const pending = target.unsafe(query, params, { ...options, prepare: true });
          // Keep the pending query itself (Drizzle calls .values() on it); only its settling gets a deadline.
          const then = pending.then.bind(pending);
          pending.then = ((resolve, reject) =>
            withDeadline({ then }, deadlineMs, () => pending.cancel()).then(resolve, reject)) as typeof then;
          return pending;
        };
      // A savepoint runs inside its transaction, whose deadline covers it.
      if (property === "savepoint")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: PostgresClient) => unknown;
          const original = Reflect.get(target, property) as (...a: unknown[]) => Promise<unknown>;
          return original(...args, (tx: PostgresClient) => fn(guardedClient(tx, deadlineMs, abandoned)));
        };
      if (property === "begin")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: PostgresClient) => unknown;
          const original = Reflect.get(target, property) as (...a: unknown[]) => Promise<unknown>;
          let late = false;
          const run = original(...args, async (tx: PostgresClient) => {
            const result = await fn(guardedClient(tx, deadlineMs, () => late));
            if (late) throw new DatabaseDeadlineError(deadlineMs); // answered 503 already: roll back
            return result;
          });
          return withDeadline(run, deadlineMs, () => (late = true));
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

async function openPglite(config: DatabaseConfig, location?: string, logger?: Logger): Promise<Opened> {
  const inMemory = location?.startsWith("memory://");
  if (!inMemory) acquireDirLock(config.dataDir);
  const database = await openPgliteDir(location ?? path.join(config.dataDir, "pglite"), { logger });
  return {
    ...database,
    async close() {
      await database.close();
      if (!inMemory) releaseDirLock(config.dataDir);
    },
  };
}

/**
 * PGlite in `dir` without taking the data directory's lock: for callers that hold it already (backup and
 * restore). `loadDataDir` fills a new directory from a backup (a tarball from `dumpDataDir`).
 */
export async function openPgliteDir(
  dir: string,
  options: { logger?: Logger; loadDataDir?: Blob } = {},
): Promise<Opened & { driver: "pglite"; client: PGlite }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create(dir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzle(client, { schema, casing: "snake_case", logger: options.logger }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    client,
    rows: (query) => queryRows(db, query),
    migrate: () => migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS }),
    close: () => client.close(),
  };
}
