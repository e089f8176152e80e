import { sql } from "drizzle-orm";
import type { DatabaseConfig } from "@/lib/config";
import { openDatabase, type Database } from "../client";
import { AppError } from "@/lib/errors";
import { migrationCount, refuseIfHoldsData, refuseNewer } from "./contents";
import { findPgTool, runPgTool } from "./pg-tools";
import { replaceFile, type BackupResult, type RestoreResult } from "./result";

// PostgreSQL backups are pg_dump's custom format (`pg_dump -Fc`), so pg_restore restores them by hand too.
// pg_dump reads one consistent snapshot: backing up while the servers keep writing is safe.

async function serverMajor(database: Database): Promise<number> {
  const [row] = await database.rows<{ v: string }>(sql`select current_setting('server_version_num') as v`);
  return Math.floor(Number(row.v) / 10_000);
}

/** The URL for libpq without its password, which goes in PGPASSWORD instead (not in `ps` output). */
function libpq(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

export async function backupPostgres(config: DatabaseConfig, file: string): Promise<BackupResult> {
  const database = await openDatabase({ config, migrate: false });
  try {
    const pgDump = await findPgTool("pg_dump", await serverMajor(database));
    const migrations = await migrationCount(database);
    const target = libpq(config.url!);
    const bytes = await replaceFile(file, (partial) =>
      runPgTool(
        pgDump,
        ["--format=custom", "--no-owner", "--no-privileges", "--file", partial, "--dbname", target.url],
        target.env,
      ),
    );
    return { driver: "postgres", file, bytes, migrations };
  } finally {
    await database.close();
  }
}

/** How many migrations the database in a pg_dump archive had applied (the rows of its migrations table). */
async function archiveMigrations(pgRestore: string, file: string, env: NodeJS.ProcessEnv): Promise<number> {
  const script = await runPgTool(
    pgRestore,
    ["--data-only", "--schema=drizzle", "--table=__drizzle_migrations", "--file=-", file],
    env,
  );
  const lines = script.split("\n");
  const start = lines.findIndex((l) => l.startsWith("COPY drizzle.__drizzle_migrations "));
  const count = start < 0 ? 0 : lines.indexOf("\\.", start) - start - 1;
  if (count <= 0)
    throw new AppError("invalid", `${file} is a pg_dump archive, but not of this app's database.`);
  return count;
}

/** Refuses while app servers are connected: they would write into, and read from, a half-restored database. */
export async function refuseWhileServing(database: Database) {
  const [row] = await database.rows<{ n: number | string }>(sql`
    select count(*) as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and application_name = 'claude-code-stats'`);
  if (Number(row.n) > 0)
    throw new AppError(
      "conflict",
      `App servers are connected to this database (${row.n} connections): stop them, restore, then start them again.`,
    );
}

// What a restore replaces is renamed aside first and dropped only once pg_restore succeeded: a restore
// that fails part way (a damaged archive, a dropped connection) puts the database back as it was.
const ASIDE = {
  public: sql.identifier("public_before_restore"),
  drizzle: sql.identifier("drizzle_before_restore"),
};

async function schemaExists(database: Database, name: string) {
  const rows = await database.rows(sql`select 1 from pg_namespace where nspname = ${name}`);
  return rows.length > 0;
}

async function setAside(database: Database) {
  if (
    (await schemaExists(database, "public_before_restore")) ||
    (await schemaExists(database, "drizzle_before_restore"))
  )
    throw new AppError(
      "conflict",
      "The schemas public_before_restore or drizzle_before_restore exist: an earlier restore was cut off. " +
        "Check them (they hold the database as it was before it), drop them, then restore again.",
    );
  await database.rows(sql`alter schema public rename to ${ASIDE.public}`);
  if (await schemaExists(database, "drizzle"))
    await database.rows(sql`alter schema drizzle rename to ${ASIDE.drizzle}`);
  await database.rows(sql`create schema public`);
}

async function putBack(database: Database) {
  await database.rows(sql`drop schema if exists public cascade`);
  await database.rows(sql`drop schema if exists drizzle cascade`);
  await database.rows(sql`alter schema ${ASIDE.public} rename to public`);
  if (await schemaExists(database, "drizzle_before_restore"))
    await database.rows(sql`alter schema ${ASIDE.drizzle} rename to drizzle`);
}

/**
 * Restores a pg_dump archive into DATABASE_URL, replacing what is there (refused while it holds data,
 * unless `force`), then applies the migrations the backup predates.
 */
export async function restorePostgres(
  config: DatabaseConfig,
  file: string,
  force: boolean,
): Promise<RestoreResult> {
  const database = await openDatabase({ config, migrate: false });
  let before: number;
  try {
    const pgRestore = await findPgTool("pg_restore", await serverMajor(database));
    const target = libpq(config.url!);
    // Read the archive's migrations first: a damaged, foreign or newer file fails here, before anything is dropped.
    refuseNewer(await archiveMigrations(pgRestore, file, target.env), file);
    await refuseIfHoldsData(database, "The PostgreSQL database", force);
    await refuseWhileServing(database);
    await setAside(database);
    try {
      await runPgTool(
        pgRestore,
        [
          "--no-owner",
          "--no-privileges",
          "--single-transaction",
          "--exit-on-error",
          "--dbname",
          target.url,
          file,
        ],
        target.env,
      );
    } catch (error) {
      await putBack(database);
      throw error;
    }
    await database.rows(sql`drop schema if exists ${ASIDE.public} cascade`);
    await database.rows(sql`drop schema if exists ${ASIDE.drizzle} cascade`);
    before = await migrationCount(database);
  } finally {
    await database.close();
  }
  const migrated = await openDatabase({ config });
  try {
    return {
      driver: "postgres",
      from: "postgres",
      migrationsBefore: before,
      migrations: await migrationCount(migrated),
    };
  } finally {
    await migrated.close();
  }
}
