import { sql } from "drizzle-orm";
import type { DatabaseConfig } from "@/lib/config";
import { openDatabase, type Database } from "../client";
import { migrationCount, refuseIfHoldsData } from "./contents";
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
    // Read the archive's table of contents first: a damaged or foreign file fails here, before anything is dropped.
    await runPgTool(pgRestore, ["--list", file], target.env);
    await refuseIfHoldsData(database, "The PostgreSQL database", force);
    await database.rows(sql`drop schema if exists drizzle cascade`);
    await database.rows(sql`drop schema if exists public cascade`);
    await database.rows(sql`create schema public`);
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
