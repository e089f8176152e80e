import fs from "node:fs";
import path from "node:path";
import { eq, sql, sum } from "drizzle-orm";
import postgres from "postgres";
import { expect, inject, it } from "vitest";
import { readDatabaseConfig } from "@/lib/config";
import { describeEachDriver, uniqueName } from "@/test/database";
import { CLI } from "@/lib/principal";
import { openDatabase } from "./client";
import { checkDatabaseHealth } from "./health";
import { machines, usageStats } from "./schema";
import { createUser } from "./accounts/users";

const migrationFiles = fs.readdirSync(path.join(process.cwd(), "drizzle")).filter((f) => f.endsWith(".sql"));

describeEachDriver("schema and migrations", ({ database }) => {
  it("applies every migration in drizzle/", async () => {
    const [row] = await database().rows<{ n: number | string }>(
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    expect(Number(row.n)).toBe(migrationFiles.length);
    expect(await checkDatabaseHealth()).toEqual({
      reachable: true,
      driver: database().driver,
      migrations: migrationFiles.length,
    });
  });

  it("runs PostgreSQL sessions with the app's settings", async () => {
    if (database().driver !== "postgres") return;
    // Startup parameters: a statement timeout, and no parallel workers (which cost the dashboard's small
    // index scans more than they save). Read back, since the driver drops some values silently.
    const [row] = await database().rows<{ workers: string; timeout: string; app: string }>(
      sql`select current_setting('max_parallel_workers_per_gather') as workers,
            current_setting('statement_timeout') as timeout, current_setting('application_name') as app`,
    );
    expect(row).toEqual({ workers: "0", timeout: expect.stringMatching(/^[1-9]/), app: "claude-code-stats" });
  });

  it("migrates without a statement timeout, whatever the server's default", async () => {
    if (database().driver !== "postgres") return;
    // A database whose default cancels any statement after 1 ms: migrations over large tables must
    // still run to the end (the request sessions' own timeout is set when they connect).
    const name = uniqueName("migrate").replace(/\W/g, "_");
    const admin = postgres(inject("pgUrl"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.unsafe(`alter database "${name}" set statement_timeout = '1ms'`);
    try {
      const url = new URL(inject("pgUrl"));
      url.pathname = `/${name}`;
      const fresh = await openDatabase({ config: readDatabaseConfig({ DATABASE_URL: url.toString() }) });
      const [row] = await fresh.rows<{ n: number | string }>(
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      await fresh.close();
      expect(Number(row.n)).toBe(migrationFiles.length);
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it("keeps token sums past 2^31 and costs to 10 decimal places", async () => {
    const user = await createUser({ username: uniqueName(), role: "member" }, CLI);
    const db = database().db;
    const heavy = 1_900_000_000; // a heavy day of cache reads; two of them pass 2^31
    await db.insert(usageStats).values([
      { userId: user.id, date: "2025-01-01", cacheReadTokens: heavy, cost: "0.11894520000000001" },
      { userId: user.id, date: "2025-01-02", cacheReadTokens: heavy, cost: "0.0000001" },
    ]);
    const [total] = await db
      .select({ tokens: sum(usageStats.cacheReadTokens).mapWith(Number), cost: sum(usageStats.cost) })
      .from(usageStats)
      .where(eq(usageStats.userId, user.id));
    expect(total.tokens).toBe(2 * heavy);
    expect(total.cost).toBe("0.1189453000");
    const [day] = await db.select().from(usageStats).where(eq(usageStats.userId, user.id)).limit(1);
    expect(typeof day.cacheReadTokens).toBe("number");
    expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("cascades a user's deletion to their machines", async () => {
    const user = await createUser({ username: uniqueName(), role: "member" }, CLI);
    const db = database().db;
    await db.insert(machines).values({ userId: user.id, name: "laptop" });
    await db.execute(sql`delete from users where id = ${user.id}`);
    expect(await db.select().from(machines).where(eq(machines.userId, user.id))).toEqual([]);
  });
});
