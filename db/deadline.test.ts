import { sql } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/errors";
import { readDatabaseConfig } from "@/lib/config";
import { uniqueName } from "@/test/database";
import { openDatabase } from "./client";

const deadlineIn = (error: unknown): boolean =>
  !!error &&
  ((error as { code?: string }).code === "DATABASE_DEADLINE" || deadlineIn((error as Error).cause));

// A server that takes a statement and never answers (frozen, or a silently dead connection): its own
// statement_timeout cannot help, so every statement and transaction has a deadline on the client side.
// Here a session switches its server-side timeout off and sleeps, which looks the same from the client.
it.runIf(inject("pgUrl"))(
  "statements and transactions give up at their deadline, and roll back",
  async () => {
    const config = {
      ...readDatabaseConfig({ DATABASE_URL: inject("pgUrl") }),
      statementTimeoutMs: 500,
      connectTimeoutSeconds: 1,
      poolSize: 1, // one connection: a setting made by one statement holds for the next
    };
    const database = await openDatabase({ config });
    const table = uniqueName("deadline").replace(/\W/g, "_");
    try {
      await database.db.execute(sql.raw(`create table ${table} (n int)`));

      await database.db.execute(sql`set statement_timeout = 0`);
      let started = Date.now();
      const statement = await database.db.execute(sql`select pg_sleep(5)`).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(deadlineIn(statement)).toBe(true);
      expect(isDatabaseUnavailable(statement)).toBe(true);

      started = Date.now();
      const transaction = await database.db
        .transaction(async (tx) => {
          await tx.execute(sql`set local statement_timeout = 0`);
          await tx.execute(sql.raw(`insert into ${table} values (1)`));
          await tx.execute(sql`select pg_sleep(5)`);
        })
        .catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(deadlineIn(transaction)).toBe(true);
      expect(isDatabaseUnavailable(transaction)).toBe(true);

      // Once the server answers again, the abandoned transaction has rolled back and the pool works.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      const rows = await database.rows<{ n: number }>(sql.raw(`select n from ${table}`));
      expect(rows).toEqual([]);
    } finally {
      await database.db.execute(sql.raw(`drop table if exists ${table}`));
      await database.close();
    }
  },
  30_000,
);
