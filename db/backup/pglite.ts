import fs from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "@/lib/config";
import { acquireDirLock, DirLockedError, releaseDirLock } from "@/lib/dir-lock";
import { AppError } from "@/lib/errors";
import { openDatabase, openPgliteDir } from "../client";
import { copyDatabase } from "./copy";
import { migrationCount, refuseIfHoldsData, refuseNewer, tablesWithData } from "./contents";
import { refuseWhileServing } from "./postgres";
import { replaceFile, type BackupResult, type RestoreResult } from "./result";

// Embedded database backups are PGlite's own dump of its data directory (a gzipped tarball, `dumpDataDir`).
// PGlite cannot be opened by two processes, so these run while the server is stopped: the data directory's
// lock makes them refuse, naming what to do, while a server holds it.

/** Takes the data directory's lock for `command`, or explains why the server must be stopped first. */
function lockDataDir(dataDir: string, command: string) {
  try {
    // Named by the command alone: the real command line may hold a PostgreSQL URL with its password.
    acquireDirLock(dataDir, `npm run admin -- ${command}`);
  } catch (error) {
    if (!(error instanceof DirLockedError)) throw error;
    throw new AppError(
      "conflict",
      `The embedded database in ${dataDir} is open in another process (pid ${error.holder.pid}: ` +
        `${error.holder.command}), most likely the server. Two processes cannot open it at once, so ` +
        `\`npm run admin -- ${command}\` runs while the server is stopped: stop it, run the command, start ` +
        `it again. (On PostgreSQL, backups run while the servers keep serving.)`,
    );
  }
}

const pgliteDir = (config: DatabaseConfig) => path.join(config.dataDir, "pglite");

export async function backupPglite(config: DatabaseConfig, file: string): Promise<BackupResult> {
  const dir = pgliteDir(config);
  if (!fs.existsSync(dir))
    throw new AppError(
      "not_found",
      `There is no embedded database in ${config.dataDir} to back up (see DATA_DIR).`,
    );
  lockDataDir(config.dataDir, "backup <file>");
  try {
    const database = await openPgliteDir(dir);
    try {
      const migrations = await migrationCount(database);
      const tarball = await database.client.dumpDataDir("gzip");
      const data = Buffer.from(await tarball.arrayBuffer());
      const bytes = await replaceFile(file, async (partial) => fs.writeFileSync(partial, data));
      return { driver: "pglite", file, bytes, migrations };
    } finally {
      await database.close();
    }
  } finally {
    releaseDirLock(config.dataDir);
  }
}

/** Opens a PGlite backup as a database of its own (in memory, or in `dir`), or says the file is not one. */
async function openBackup(file: string, dir = "memory://") {
  try {
    return await openPgliteDir(dir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  } catch (error) {
    throw new AppError(
      "invalid",
      `${file} is not a backup of the embedded database: ${(error as Error).message}`,
    );
  }
}

/**
 * Restores a PGlite backup into DATA_DIR: unpacked and migrated beside the current database, then swapped in;
 * the database it replaces is moved aside, not deleted.
 */
export async function restorePglite(
  config: DatabaseConfig,
  file: string,
  force: boolean,
): Promise<RestoreResult> {
  const dir = pgliteDir(config);
  lockDataDir(config.dataDir, "restore <file>");
  try {
    let holdsData = false;
    if (fs.existsSync(dir)) {
      const current = await openPgliteDir(dir);
      try {
        holdsData = (await tablesWithData(current)).length > 0;
        await refuseIfHoldsData(current, `The embedded database in ${config.dataDir}`, force);
      } finally {
        await current.close();
      }
    }
    const staging = `${dir}.restoring`;
    fs.rmSync(staging, { recursive: true, force: true });
    let migrationsBefore: number, migrations: number;
    try {
      const restored = await openBackup(file, staging);
      try {
        migrationsBefore = await migrationCount(restored);
        refuseNewer(migrationsBefore, file);
        await restored.migrate();
        migrations = await migrationCount(restored);
      } finally {
        await restored.close();
      }
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    // An empty database goes; one with data (replaced with --force) is kept aside until its owner deletes it.
    const replaced = holdsData
      ? `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`
      : undefined;
    if (replaced) fs.renameSync(dir, replaced);
    else fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    return { driver: "pglite", from: "pglite", migrationsBefore, migrations, replaced };
  } finally {
    releaseDirLock(config.dataDir);
  }
}

/**
 * Copies an embedded database into the PostgreSQL database `config.url`: from a PGlite backup `file`, or
 * from DATA_DIR when there is none. Both are migrated to this version first; the copy is one transaction.
 */
export async function copyPgliteToPostgres(
  config: DatabaseConfig & { url: string },
  options: { file?: string; force: boolean },
): Promise<RestoreResult> {
  if (!options.file) lockDataDir(config.dataDir, "copy-to-postgres <postgres-url>");
  const backup = options.file ? await openBackup(options.file) : undefined;
  const source = backup ?? (await openDatabase({ config: { ...config, url: undefined } }));
  try {
    const migrationsBefore = await migrationCount(source);
    if (backup) {
      refuseNewer(migrationsBefore, options.file!);
      await backup.migrate();
    }
    // Checked before migrating it: a wrong URL must not get the app's tables first.
    const unmigrated = await openDatabase({ config, migrate: false });
    try {
      if (unmigrated.driver !== "postgres") throw new AppError("internal", "The target is not PostgreSQL.");
      await refuseIfHoldsData(unmigrated, "The PostgreSQL database", options.force);
      await refuseWhileServing(unmigrated);
    } finally {
      await unmigrated.close();
    }
    const target = await openDatabase({ config });
    try {
      if (target.driver !== "postgres") throw new AppError("internal", "The target is not PostgreSQL.");
      const tables = await copyDatabase(source, target);
      return {
        driver: "postgres",
        from: "pglite",
        migrationsBefore,
        migrations: await migrationCount(target),
        tables,
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
    if (!options.file) releaseDirLock(config.dataDir);
  }
}
