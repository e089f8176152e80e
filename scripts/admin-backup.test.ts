import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, setDatabase } from "@/db";
import { requireUser } from "@/db/accounts/users";
import { openDatabase } from "@/db/client";
import { getLeaderboard } from "@/db/stats/leaderboard";
import { getModels } from "@/db/stats/models";
import { getPersonUsage } from "@/db/stats/person";
import { readDatabaseConfig } from "@/lib/config";
import { parseStatsQuery } from "@/lib/stats/query";
import { resolveScope } from "@/server/stats/scope";
import { DRIVERS, uniqueName } from "@/test/database";

// Backups as an operator takes them: the admin tool run as a process on a seeded database, restored into a
// fresh one, and the dashboards' figures read before and after.

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
type Env = Record<string, string>;

async function tool(script: string, env: Env, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, [script, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const admin = (env: Env, ...args: string[]) => tool("scripts/admin.ts", env, ...args);

const scratch = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `ccs-backup-${prefix}-`));

// Throwaway PostgreSQL databases beside this run's own, dropped at the end.
const created: string[] = [];
async function freshPostgres(): Promise<string> {
  const name = uniqueName("ccs_bk").replaceAll(/[^a-z0-9_]/g, "_");
  const server = postgres(inject("pgUrl"), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database "${name}"`);
  await server.end();
  created.push(name);
  const url = new URL(inject("pgUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}
afterAll(async () => {
  if (!created.length) return;
  const server = postgres(inject("pgUrl"), { max: 1, onnotice: () => {} });
  for (const name of created) await server.unsafe(`drop database if exists "${name}" with (force)`);
  await server.end();
});

/** A fresh, empty database of `driver`, as the environment the tools read. */
async function freshEnv(driver: string): Promise<Env> {
  const dataDir = path.join(scratch("data"), "data");
  return driver === "postgres"
    ? { DATABASE_URL: await freshPostgres(), DATA_DIR: dataDir }
    : { DATABASE_URL: "", DATA_DIR: dataDir };
}

async function seed(env: Env) {
  const seeded = await tool("scripts/seed.ts", env, "--people", "3", "--days", "20", "--end", "2024-06-30");
  expect(seeded.code, seeded.stderr).toBe(0);
}

/** Opens the database `env` names in this process (holding the embedded one's lock while open). */
async function open(env: Env) {
  const database = await openDatabase({ config: readDatabaseConfig(env), migrate: false });
  setDatabase(database);
  return database;
}

/** What the leaderboard, the models page and each person's page show for June 2024. */
async function dashboards(env: Env) {
  await open(env);
  try {
    const scope = await resolveScope(parseStatsQuery({ from: "2024-06-01", to: "2024-06-30" }));
    const leaderboard = await getLeaderboard(scope, { sort: "cost", limit: 100 });
    const models = await getModels(scope, { sort: "cost", limit: 100 });
    const people = await Promise.all(
      leaderboard.rows.map(async (r) => getPersonUsage(scope, (await requireUser(r.username)).id)),
    );
    return { leaderboard, models, people };
  } finally {
    await closeDatabase();
  }
}

/** A database made by the previous version of the app: every migration but the last, and one user. */
async function olderDatabase(env: Env) {
  const folder = scratch("migrations");
  fs.cpSync("drizzle", folder, { recursive: true });
  const journalFile = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  journal.entries.pop();
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const database = await open(env);
  try {
    if (database.driver === "pglite") await migratePglite(database.db as never, { migrationsFolder: folder });
    else await migratePostgres(database.db as never, { migrationsFolder: folder });
    await database.rows(
      sql`insert into users (username, display_name, role) values ('old-timer', 'Old Timer', 'member')`,
    );
  } finally {
    await closeDatabase();
  }
  return journal.entries.length;
}

describe.each(DRIVERS)("admin backup and restore [%s]", (driver) => {
  it(
    "restores a backup into a fresh database with the dashboards unchanged",
    { timeout: 300_000 },
    async () => {
      const source = await freshEnv(driver);
      await seed(source);
      const before = await dashboards(source);
      expect(before.leaderboard.rows).toHaveLength(3);
      expect(before.leaderboard.team.cost).toBeGreaterThan(0);

      const file = path.join(scratch("file"), driver === "postgres" ? "team.dump" : "team.tar.gz");
      const backup = await admin(source, "backup", file);
      expect(backup, backup.stderr).toMatchObject({ code: 0 });
      expect(backup.stdout).toMatch(
        new RegExp(`^Backed up .* to ${file} \\(\\d+(\\.\\d)? [km]B\\)\\.\n$`, "i"),
      );
      // It holds password and key hashes: readable by its owner only.
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const target = await freshEnv(driver);
      // A database a server has started on once (migrated, no data yet) counts as empty.
      expect(await admin(target, "user", "list")).toMatchObject({ code: 0, stdout: "(none)\n" });
      const restored = await admin(target, "restore", file);
      expect(restored, restored.stderr).toMatchObject({ code: 0 });
      expect(restored.stdout).toContain(`Restored ${file} into`);
      expect(await dashboards(target)).toEqual(before);

      const again = await admin(target, "restore", file);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /already holds data \(audit_log, machine_usage, .*\)\. Restoring replaces all of it: pass --force/,
      );

      const forced = await admin(target, "restore", file, "--force");
      expect(forced, forced.stderr).toMatchObject({ code: 0 });
      if (driver === "pglite")
        expect(forced.stdout).toMatch(/The database it replaced is in .*pglite\.replaced-/);
      expect(await dashboards(target)).toEqual(before);
    },
  );

  it("migrates an older backup forward", { timeout: 300_000 }, async () => {
    const source = await freshEnv(driver);
    const older = await olderDatabase(source);
    const file = path.join(scratch("file"), "older.backup");
    expect((await admin(source, "backup", file)).stdout).toContain(`(migration ${older})`);

    const target = await freshEnv(driver);
    const restored = await admin(target, "restore", file);
    expect(restored, restored.stderr).toMatchObject({ code: 0 });
    expect(restored.stdout).toContain(`migrated from migration ${older} to ${older + 1}.`);
    const database = await open(target);
    try {
      const [row] = await database.rows<{ n: number | string }>(
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(row.n)).toBe(older + 1);
      expect(await database.rows(sql`select username from users`)).toEqual([{ username: "old-timer" }]);
    } finally {
      await closeDatabase();
    }
    // The newest migration's tables are there: a group can be made.
    expect(await admin(target, "group", "create", "restored")).toMatchObject({ code: 0 });
  });

  it("refuses a backup from a newer version of the app, changing nothing", { timeout: 300_000 }, async () => {
    const source = await freshEnv(driver);
    expect(await admin(source, "user", "create", "someone")).toMatchObject({ code: 0 });
    const database = await open(source);
    try {
      await database.rows(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 9999999999999)`,
      );
    } finally {
      await closeDatabase();
    }
    const file = path.join(scratch("file"), "newer.backup");
    expect(await admin(source, "backup", file)).toMatchObject({ code: 0 });

    const target = await freshEnv(driver);
    const restored = await admin(target, "restore", file);
    expect(restored.code).toBe(1);
    expect(restored.stderr).toMatch(
      /comes from a newer version of the app \(migration (\d+); this one knows (\d+)\)/,
    );
    const [, theirs, ours] = /migration (\d+); this one knows (\d+)/.exec(restored.stderr)!;
    expect(Number(theirs)).toBe(Number(ours) + 1);
    if (driver === "pglite") expect(fs.readdirSync(target.DATA_DIR)).toEqual([]);
    else {
      const untouched = await open(target);
      try {
        expect(
          await untouched.rows(sql`select tablename from pg_tables where schemaname = 'public'`),
        ).toEqual([]);
      } finally {
        await closeDatabase();
      }
    }
  });

  it("refuses a file that is not a backup of this database", { timeout: 120_000 }, async () => {
    const env = await freshEnv(driver);
    const dir = scratch("file");
    const junk = path.join(dir, "notes.txt");
    fs.writeFileSync(junk, "hello");
    expect(await admin(env, "restore", junk)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("is not a backup made by this tool"),
    });
    expect(await admin(env, "restore", path.join(dir, "missing.dump"))).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Cannot read"),
    });
    if (driver === "pglite") {
      const dump = path.join(dir, "team.dump");
      fs.writeFileSync(dump, "PGDMP\u0001\u000e\u0000");
      expect(await admin(env, "restore", dump)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("is a PostgreSQL backup (pg_dump): it restores into PostgreSQL"),
      });
    }
  });
});

describe("admin backup of the embedded database", () => {
  it("refuses while a server holds the data directory, naming what to do", { timeout: 120_000 }, async () => {
    const env = await freshEnv("pglite");
    await open(env); // this process holds the lock, as a running server does
    try {
      const backup = await admin(env, "backup", path.join(scratch("file"), "team.tar.gz"));
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain(`is open in another process (pid ${process.pid}`);
      expect(backup.stderr).toContain("`npm run admin -- backup <file>` runs while the server is stopped");
    } finally {
      await closeDatabase();
    }
  });
});

describe.runIf(DRIVERS.includes("postgres"))("admin backup on PostgreSQL without usable tools", () => {
  it("says when pg_dump is missing or too old for the server", { timeout: 120_000 }, async () => {
    const env = await freshEnv("postgres");
    const bin = scratch("bin");
    const file = path.join(scratch("file"), "team.dump");
    const missing = await admin({ ...env, PG_BIN_DIR: bin }, "backup", file);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^Error: pg_dump was not found in PG_BIN_DIR \(.*\)\. Install the PostgreSQL \d+ client tools/,
    );

    fs.writeFileSync(path.join(bin, "pg_dump"), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', {
      mode: 0o755,
    });
    const old = await admin({ ...env, PG_BIN_DIR: bin }, "backup", file);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(
      /^Error: pg_dump is too old for this PostgreSQL \d+ server: .*pg_dump is version 9\.6\./,
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe.runIf(DRIVERS.includes("postgres"))("admin restore on PostgreSQL", () => {
  it("refuses while a server is connected to the database", { timeout: 120_000 }, async () => {
    const source = await freshEnv("postgres");
    expect(await admin(source, "user", "create", "someone")).toMatchObject({ code: 0 });
    const file = path.join(scratch("file"), "team.dump");
    expect(await admin(source, "backup", file)).toMatchObject({ code: 0 });

    const target = await freshEnv("postgres");
    const server = await open(target); // connects as the app's servers do
    try {
      await server.rows(sql`select 1`);
      const restored = await admin(target, "restore", file);
      expect(restored.code).toBe(1);
      expect(restored.stderr).toMatch(
        /^Error: App servers are connected to this database \(1 connections\): stop them, restore/,
      );
    } finally {
      await closeDatabase();
    }
    expect(await admin(target, "restore", file)).toMatchObject({ code: 0 });
  });
});

describe.runIf(DRIVERS.includes("postgres"))("a PostgreSQL restore that fails part way", () => {
  it("puts the database back as it was", { timeout: 120_000 }, async () => {
    const source = await freshEnv("postgres");
    expect(await admin(source, "user", "create", "someone")).toMatchObject({ code: 0 });
    const file = path.join(scratch("file"), "team.dump");
    expect(await admin(source, "backup", file)).toMatchObject({ code: 0 });

    const target = await freshEnv("postgres");
    expect(await admin(target, "user", "create", "kept")).toMatchObject({ code: 0 });
    // A pg_restore that reads the archive but fails the restore itself, as a broken file or a dropped
    // connection would.
    const bin = scratch("bin");
    const real = execFileSync("which", ["pg_restore"]).toString().trim();
    fs.writeFileSync(
      path.join(bin, "pg_restore"),
      `#!/bin/sh\ncase "$*" in *--version*|*--data-only*) exec ${real} "$@";; esac\necho "pg_restore: error: cut off" >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    const restored = await admin({ ...target, PG_BIN_DIR: bin }, "restore", file, "--force");
    expect(restored.code).toBe(1);
    expect(restored.stderr).toMatch(/cut off/);
    const users = await admin(target, "user", "list");
    expect(users.stdout).toMatch(/\bkept\b/);
    expect(users.stdout).not.toMatch(/\bsomeone\b/);
    const database = await open(target);
    try {
      expect(
        await database.rows(sql`select nspname from pg_namespace where nspname like '%before_restore'`),
      ).toEqual([]);
    } finally {
      await closeDatabase();
    }
  });
});

describe.runIf(DRIVERS.includes("postgres"))("moving from the embedded database to PostgreSQL", () => {
  it("copies everything over, and new rows get ids of their own", { timeout: 300_000 }, async () => {
    const embedded = await freshEnv("pglite");
    await seed(embedded);
    expect(await admin(embedded, "group", "create", "platform")).toMatchObject({ code: 0 });
    const before = await dashboards(embedded);

    const target = await freshPostgres();
    const copied = await admin(embedded, "copy-to-postgres", target);
    expect(copied, copied.stderr).toMatchObject({ code: 0 });
    expect(copied.stdout).toMatch(
      /^Copied the embedded database in .* into PostgreSQL \(\d+ rows in \d+ tables\), at migration \d+\.\n/,
    );
    const onPostgres = { DATABASE_URL: target, DATA_DIR: scratch("unused") };
    expect(await dashboards(onPostgres)).toEqual(before);
    expect((await admin(onPostgres, "group", "list")).stdout).toContain("platform");
    // Sequences moved with the rows: the next user and group do not collide with copied ones.
    expect(await admin(onPostgres, "user", "create", "newcomer")).toMatchObject({ code: 0 });
    expect(await admin(onPostgres, "group", "create", "newgroup")).toMatchObject({ code: 0 });

    const again = await admin(embedded, "copy-to-postgres", target);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining("already holds data") });

    // A backup of the embedded database restores into PostgreSQL the same way.
    const file = path.join(scratch("file"), "team.tar.gz");
    expect(await admin(embedded, "backup", file)).toMatchObject({ code: 0 });
    const restored = await admin(onPostgres, "restore", file, "--force");
    expect(restored, restored.stderr).toMatchObject({ code: 0 });
    expect(await dashboards(onPostgres)).toEqual(before);
    expect((await admin(onPostgres, "user", "list")).stdout).not.toContain("newcomer");
  });
});
