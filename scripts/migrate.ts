// Applies pending migrations to the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
// without starting the server. The server also does this at start-up; this is for deploy pipelines.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDatabase, getDatabase } from "@/db";
import { commandLine, HELP_OPTION } from "./command-line";

commandLine(
  `Usage: npm run db:migrate

Applies pending migrations to DATABASE_URL (PostgreSQL), or to the embedded database in DATA_DIR, and
exits. The server does the same when it starts; this is for deploy pipelines.`,
  () => parseArgs({ options: HELP_OPTION }),
);

try {
  const database = await getDatabase();
  const [row] = await database.rows<{ n: number | string }>(
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  console.log(`${database.driver}: ${row.n} migrations applied.`);
} catch (error) {
  console.error(error instanceof Error ? `Error: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
