import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { MIGRATIONS, type Database } from "../client";

// What a backup, restore or copy works on: every table of the app's schema, read from the catalog so
// tables that later migrations add are included without a change here.

/** A catalog name as a quoted SQL identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The app's tables (schema public), by name. */
export async function appTables(database: Database): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((r) => r.name);
}

// Every migrated database has the team's settings row, so that alone is not data.
const ALWAYS_FILLED = new Set(["team_settings"]);

/** The tables that hold rows (none in a new or freshly migrated database). */
export async function tablesWithData(database: Database): Promise<string[]> {
  const tables = (await appTables(database)).filter((t) => !ALWAYS_FILLED.has(t));
  if (tables.length === 0) return [];
  const checks = tables.map(
    (t) => `select '${t.replaceAll("'", "''")}' as name where exists (select from ${ident(t)})`,
  );
  const rows = await database.rows<{ name: string }>(sql.raw(checks.join(" union all ")));
  return rows.map((r) => r.name);
}

/** Refuses to overwrite a database holding data unless `force`: a restore or copy replaces everything. */
export async function refuseIfHoldsData(database: Database, where: string, force: boolean) {
  if (force) return;
  const filled = await tablesWithData(database);
  if (filled.length === 0) return;
  const shown = filled.slice(0, 4).join(", ") + (filled.length > 4 ? ", …" : "");
  throw new AppError(
    "conflict",
    `${where} already holds data (${shown}). Restoring replaces all of it: pass --force to do that anyway (back it up first).`,
  );
}

/** How many migrations the database has applied (none in a database the app never opened). */
export async function migrationCount(database: Database): Promise<number> {
  const [table] = await database.rows<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!table.exists) return 0;
  const [row] = await database.rows<{ n: number | string }>(
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  return Number(row.n);
}

/**
 * Refuses a backup from a newer version of the app (more migrations than this one has): its schema is one
 * this version does not know, and migrating cannot bring it back.
 */
export function refuseNewer(backupMigrations: number, file: string) {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  if (backupMigrations > journal.entries.length)
    throw new AppError(
      "invalid",
      `${file} comes from a newer version of the app (migration ${backupMigrations}; this one knows ${journal.entries.length}): restore it with that version or later.`,
    );
}
