import type { DatabaseConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { backupPglite, copyPgliteToPostgres, restorePglite } from "./pglite";
import { backupPostgres, restorePostgres } from "./postgres";
import { backupKind, type BackupResult, type RestoreResult } from "./result";

export type { BackupResult, RestoreResult } from "./result";

// The admin tool's backup, restore and copy-to-postgres: which database is read or written follows the
// environment like the server's (DATABASE_URL, else the embedded database in DATA_DIR).

/** Backs up the configured database into `file`: pg_dump's custom format, or PGlite's dump. */
export function backup(config: DatabaseConfig, file: string): Promise<BackupResult> {
  return config.url ? backupPostgres(config, file) : backupPglite(config, file);
}

/**
 * Restores `file` into the configured database and migrates it to this version. A backup of the embedded
 * database restores into PostgreSQL too (copied over); a PostgreSQL one only into PostgreSQL.
 */
export function restore(config: DatabaseConfig, file: string, force: boolean): Promise<RestoreResult> {
  const kind = backupKind(file);
  if (config.url)
    return kind === "postgres"
      ? restorePostgres(config, file, force)
      : copyPgliteToPostgres({ ...config, url: config.url }, { file, force });
  if (kind === "postgres")
    throw new AppError(
      "invalid",
      `${file} is a PostgreSQL backup (pg_dump): it restores into PostgreSQL, with DATABASE_URL set.`,
    );
  return restorePglite(config, file, force);
}

/** Copies the embedded database in DATA_DIR into the PostgreSQL database at `url`. */
export function copyToPostgres(config: DatabaseConfig, url: string, force: boolean): Promise<RestoreResult> {
  if (config.url)
    throw new AppError(
      "invalid",
      "copy-to-postgres copies the embedded database in DATA_DIR into the PostgreSQL database it is given: unset DATABASE_URL.",
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new AppError("invalid", "The target must be a postgres:// or postgresql:// URL.");
  return copyPgliteToPostgres({ ...config, url }, { force });
}
