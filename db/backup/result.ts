import fs from "node:fs";
import { AppError } from "@/lib/errors";
import type { Driver } from "../client";

export interface BackupResult {
  driver: Driver;
  file: string;
  bytes: number;
  /** Migrations the backed-up database had applied. */
  migrations: number;
}

export interface RestoreResult {
  driver: Driver;
  /** Which kind of backup was restored. */
  from: Driver;
  /** Migrations the backup had applied, and the database has now. */
  migrationsBefore: number;
  migrations: number;
  /** The embedded database the restore replaced, moved aside rather than deleted. */
  replaced?: string;
  /** Rows per table, when a backup of the embedded database was copied into PostgreSQL. */
  tables?: { table: string; rows: number }[];
}

/** Which database a backup file is of, by its first bytes: pg_dump's "PGDMP", or PGlite's gzip tarball. */
export function backupKind(file: string): Driver {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw new AppError("invalid", `Cannot read ${file}: ${(error as Error).message}.`);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new AppError(
    "invalid",
    `${file} is not a backup made by this tool (neither pg_dump's custom format nor a PGlite dump).`,
  );
}

/**
 * Writes `file` through `write(partial)` into a temporary name beside it, renamed into place once complete:
 * a failed or interrupted backup never leaves a truncated file under the backup's name. Returns its size.
 */
export async function replaceFile(
  file: string,
  write: (partial: string) => Promise<unknown>,
): Promise<number> {
  const partial = `${file}.partial`;
  try {
    // Readable by the owner only: a backup holds password and key hashes and webhook secrets.
    fs.writeFileSync(partial, "", { mode: 0o600 });
    await write(partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}
