import type { PGlite } from "@electric-sql/pglite";
import type { Database } from "@/db/client";

/** One SQL statement as a request issued it: its text and parameters. */
export type Statement = { sql: string; params: unknown[] };

const ROLLBACK = Symbol("rollback");

/**
 * The benchmark's floor: runs captured statements straight on the driver, without the app around them,
 * either each on its own or as one transaction (that commits, or is rolled back). Each step's statements
 * run concurrently (the request issued them together), the steps one after another.
 */
export async function replay(
  database: Database,
  steps: Statement[][],
  options: { transaction?: "commit" | "rollback" } = {},
) {
  if (database.driver === "postgres") {
    const client = database.client;
    const run = async (c: typeof client) => {
      for (const step of steps)
        await Promise.all(step.map((s) => c.unsafe(s.sql, s.params as never[], { prepare: true })));
    };
    if (!options.transaction) return run(client);
    await client
      .begin(async (tx) => {
        await run(tx as unknown as typeof client);
        if (options.transaction === "rollback") throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      });
    return;
  }
  // One connection: PGlite runs a step's statements one after another, as it does the app's.
  const run = async (c: Pick<PGlite, "query">) => {
    for (const step of steps) await Promise.all(step.map((s) => c.query(s.sql, s.params)));
  };
  if (!options.transaction) return run(database.client);
  await database.client.transaction(async (tx) => {
    await run(tx);
    if (options.transaction === "rollback") await tx.rollback();
  });
}
