// The admin tool's backup, restore and copy-to-postgres commands (README, Backups).
import { backup, copyToPostgres, restore, type RestoreResult } from "@/db/backup";
import { readDatabaseConfig } from "@/lib/config";

const NAMES = { pglite: "the embedded database", postgres: "PostgreSQL" } as const;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

function outcome(result: RestoreResult) {
  const rows = result.tables?.reduce((sum, t) => sum + t.rows, 0);
  const copied = result.tables ? ` (${rows} rows in ${result.tables.length} tables)` : "";
  const migrated =
    result.migrations === result.migrationsBefore
      ? `at migration ${result.migrations}`
      : `migrated from migration ${result.migrationsBefore} to ${result.migrations}`;
  return `${copied}, ${migrated}.`;
}

export async function backupCommand(file: string) {
  const result = await backup(readDatabaseConfig(), file);
  console.log(
    `Backed up ${NAMES[result.driver]} (migration ${result.migrations}) to ${result.file} (${size(result.bytes)}).`,
  );
}

export async function restoreCommand(file: string, force: boolean) {
  const result = await restore(readDatabaseConfig(), file, force);
  console.log(`Restored ${file} into ${NAMES[result.driver]}${outcome(result)}`);
  if (result.replaced)
    console.log(
      `The database it replaced is in ${result.replaced}: delete it once you have checked the restore.`,
    );
}

export async function copyToPostgresCommand(url: string, force: boolean) {
  const config = readDatabaseConfig();
  const result = await copyToPostgres(config, url, force);
  console.log(`Copied the embedded database in ${config.dataDir} into PostgreSQL${outcome(result)}`);
  console.log("Start the server with DATABASE_URL set to that database to use it.");
}
