import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { DRIVERS, uniqueName } from "@/test/database";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/** Runs the admin tool as an operator would, returning its exit code and output. */
async function admin(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/admin.ts", ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function environment(driver: string): Record<string, string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-cli-"));
  return driver === "postgres"
    ? { DATABASE_URL: inject("pgUrl"), DATA_DIR: dataDir }
    : { DATABASE_URL: "", DATA_DIR: dataDir };
}

describe.each(DRIVERS)("admin tool [%s]", (driver) => {
  it("sets up users and keys headlessly", { timeout: 180_000 }, async () => {
    const env = environment(driver);
    const name = uniqueName("cli");

    const created = await admin(env, "user", "create", name, "--admin", "--password", "a long password");
    expect(created).toMatchObject({ code: 0, stdout: `Created admin "${name}".\n` });

    const key = await admin(env, "key", "create", name, "--name", "cron");
    expect(key.code).toBe(0);
    const lastLine = key.stdout.trimEnd().split("\n").at(-1)!;
    expect(lastLine).toMatch(/^ccs_[\w-]{43}$/);

    const list = await admin(env, "user", "list");
    expect(list.stdout).toMatch(new RegExp(`${name}\\s+${name}\\s+-\\s+admin .* true\\s+1\\s+0`));
    expect(list.stdout).not.toContain("scrypt$");

    const keys = await admin(env, "key", "list", name);
    expect(keys.stdout).toContain(`ccs_…${lastLine.slice(-4)}`);
    expect(keys.stdout).not.toContain(lastLine);

    const revoked = await admin(env, "key", "revoke", `ccs_…${lastLine.slice(-4)}`);
    expect(revoked).toMatchObject({ code: 0 });
    expect(revoked.stdout).toMatch(/^Revoked key \d+/);

    const reset = await admin(env, "password", "reset", name);
    expect(reset.code).toBe(0);
    expect(reset.stdout.trim()).toMatch(/^[\w-]{20}$/);

    if (driver === "pglite") {
      // Team settings are one row per database: only the private embedded one is changed here.
      const team = await admin(env, "team", "set", "--name", "Acme", "--timezone", "Europe/Berlin");
      expect(team).toMatchObject({ code: 0, stdout: 'Team "Acme", timezone Europe/Berlin.\n' });
      const badZone = await admin(env, "team", "set", "--timezone", "Mars/Olympus");
      expect(badZone).toMatchObject({ code: 1, stderr: expect.stringContaining("is not a timezone") });
      expect((await admin(env, "team", "show")).stdout).toMatch(
        /Acme\s+Europe\/Berlin\s+90 days\s+30 days\s+forever/,
      );
      const keep = await admin(env, "team", "set", "--keep-uploads", "0", "--keep-telemetry", "14");
      expect(keep.code).toBe(0);
      expect((await admin(env, "team", "show")).stdout).toMatch(
        /Acme\s+Europe\/Berlin\s+forever\s+14 days\s+forever/,
      );
      expect((await admin(env, "team", "set", "--keep-audit", "365")).code).toBe(0);
      expect((await admin(env, "team", "show")).stdout).toMatch(/forever\s+14 days\s+365 days/);
      const badAudit = await admin(env, "team", "set", "--keep-audit", "a year");
      expect(badAudit).toMatchObject({ code: 2, stderr: expect.stringContaining("--keep-audit") });
      const never = await admin(env, "team", "set", "--keep-telemetry", "0");
      expect(never).toMatchObject({ code: 2, stderr: expect.stringContaining("--keep-telemetry") });
    }

    const gone = await admin(env, "user", "delete", uniqueName("nobody"));
    expect(gone).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: No user named/) });
  });
});

describe.each(DRIVERS)("admin tool groups [%s]", (driver) => {
  it("creates groups, adds and removes people, lists and deletes them", { timeout: 90_000 }, async () => {
    const env = environment(driver);
    const [ann, bob] = [uniqueName("ann"), uniqueName("bob")];
    const group = uniqueName("grp");
    for (const name of [ann, bob]) expect((await admin(env, "user", "create", name)).code).toBe(0);

    expect(await admin(env, "group", "create", group, "--display-name", "Platform team")).toMatchObject({
      code: 0,
      stdout: `Created group "${group}" (Platform team).\n`,
    });
    expect(await admin(env, "group", "create", group)).toMatchObject({
      code: 1,
      stderr: `Error: A group named "${group}" exists already.\n`,
    });
    expect(await admin(env, "group", "add", group, bob, ann, bob)).toMatchObject({
      code: 0,
      stdout: `Added ${[ann, bob].sort().join(", ")} to "${group}".\n`,
    });
    const ghost = uniqueName("ghost");
    expect(await admin(env, "group", "add", group, ghost)).toMatchObject({
      code: 1,
      stderr: `Error: No user named "${ghost}".\n`,
    });
    expect((await admin(env, "group", "list")).stdout).toMatch(
      new RegExp(`${group}\\s+Platform team\\s+${[ann, bob].sort().join(" ")}\n`),
    );
    expect(await admin(env, "group", "remove", group, ann)).toMatchObject({
      code: 0,
      stdout: `Removed ${ann} from "${group}".\n`,
    });
    expect((await admin(env, "group", "list")).stdout).toMatch(
      new RegExp(`${group}\\s+Platform team\\s+${bob}\n`),
    );
    expect(await admin(env, "group", "delete", group)).toMatchObject({
      code: 0,
      stdout: `Deleted group "${group}" (1 member).\n`,
    });
    expect(await admin(env, "group", "delete", group)).toMatchObject({
      code: 1,
      stderr: `Error: No group named "${group}".\n`,
    });
    if (driver === "pglite") {
      const set = await admin(env, "team", "set", "--telemetry-group-attribute", "team.id");
      expect(set.code).toBe(0);
      expect((await admin(env, "team", "show")).stdout).toMatch(/30 days\s+forever\s+team\.id\s/);
      const bad = await admin(env, "team", "set", "--telemetry-group-attribute", "team id");
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("--telemetry-group-attribute") });
      expect((await admin(env, "team", "set", "--telemetry-group-attribute", "")).code).toBe(0);
      expect((await admin(env, "team", "show")).stdout).toMatch(/30 days\s+forever\s+-\s/);
    }
  });
});

describe("admin tool prices", () => {
  // The embedded database only: the cost mode is team-wide, and the PostgreSQL database is shared.
  it(
    "lists, sets, ends and removes prices, names unpriced models and switches the cost mode",
    { timeout: 120_000 },
    async () => {
      const env = environment("pglite");
      const seeded = await run(
        TSX,
        ["scripts/seed.ts", "--people", "2", "--days", "5", "--end", "2026-11-30"],
        {
          env: { ...process.env, ...env },
        },
      );
      expect(seeded.stderr).not.toMatch(/error/i);
      const listed = await admin(env, "prices", "list");
      expect(listed.stdout).toMatch(
        /anthropic\/claude-opus-4-1\s+Claude Opus 4\.1\s+claude-opus-4-1-20250805\s+15\s+75\s+1\.5\s+18\.75\s+30\s+price book/,
      );

      const set = await admin(
        env,
        "prices",
        "set",
        "claude-opus-4-1-20250805",
        "--from",
        "2026-11-28",
        "--input",
        "20",
        "--output",
        "100",
      );
      expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining("anthropic/claude-opus-4-1: ") });
      expect(set.stdout).toContain('"cacheRead":2,"cacheWrite":25,"cacheWrite1h":40');
      expect(set.stdout).toContain("2 people re-priced");
      // Today is after the override's day: it is the price in force.
      expect((await admin(env, "prices", "list")).stdout).toMatch(
        /claude-opus-4-1-20250805\s+20\s+100\s+2\s+25\s+40\s+override from 2026-11-28/,
      );

      const missing = await admin(
        env,
        "prices",
        "set",
        "claude-opus-4-1",
        "--from",
        "2026-11-28",
        "--output",
        "1",
      );
      expect(missing).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("Invalid price: input is required."),
      });
      const unknown = await admin(
        env,
        "prices",
        "set",
        "no-such-model",
        "--from",
        "2026-11-28",
        "--input",
        "1",
        "--output",
        "1",
      );
      expect(unknown).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('No usage has arrived for a model or price key "no-such-model"'),
      });

      expect(
        (await admin(env, "prices", "end", "anthropic/claude-opus-4-1", "--from", "2026-11-29")).code,
      ).toBe(0);
      expect((await admin(env, "prices", "list")).stdout).toMatch(
        /claude-opus-4-1-20250805\s+15\s+75.*price book/,
      );
      expect(
        (await admin(env, "prices", "remove", "anthropic/claude-opus-4-1", "--from", "2026-11-29")).code,
      ).toBe(0);
      expect(
        await admin(env, "prices", "remove", "anthropic/claude-opus-4-1", "--from", "2026-11-29"),
      ).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("There is no override"),
      });
      expect((await admin(env, "prices", "unpriced")).stdout).toBe("(none)\n");
      expect(await admin(env, "prices", "mode", "list")).toMatchObject({
        code: 0,
        stdout: expect.stringContaining("2 people re-priced"),
      });
      expect(await admin(env, "prices", "mode", "cheap")).toMatchObject({ code: 2 });
    },
  );
});

describe("admin tool arguments", () => {
  it.each([
    [[]],
    [["user"]],
    [["user", "frobnicate"]],
    [["user", "create"]],
    [["user", "create", "Not Valid!"]],
    [["user", "create", "ok", "--password", "short"]],
    [["user", "create", "ok", "--bogus"]],
    [["key", "create", "a", "b"]],
    [["group", "create", "Not Valid!"]],
    [["group", "add", "only-a-group"]],
    [["group", "list", "extra"]],
  ])("%j prints usage and exits 2 without touching the database", async (args) => {
    const env = { DATABASE_URL: "", DATA_DIR: path.join(os.tmpdir(), "ccs-never-created-" + process.pid) };
    const result = await admin(env, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run admin -- <command>");
    expect(fs.existsSync(env.DATA_DIR)).toBe(false);
  });
});

describe("admin tool on a locked embedded database", () => {
  it("refuses while another process holds the data directory", async () => {
    const env = environment("pglite");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      const lock = {
        pid: holder.pid,
        host: os.hostname(),
        command: "next start",
        since: new Date().toISOString(),
      };
      fs.writeFileSync(path.join(env.DATA_DIR, ".lock"), JSON.stringify(lock));
      const result = await admin(env, "user", "list");
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by another process (pid ${holder.pid}: next start`);
      expect(fs.existsSync(path.join(env.DATA_DIR, "pglite"))).toBe(false);
    } finally {
      holder.kill();
    }
  });
});

describe("admin tool budgets", () => {
  // The embedded database only: the team budget is one per database, and the PostgreSQL one is shared.
  it(
    "sets, lists and deletes budgets, raising what a new budget calls for",
    { timeout: 120_000 },
    async () => {
      const env = environment("pglite");
      // Two people active today (--full: every day), so this month has spend whatever the date.
      const seeded = await run(TSX, ["scripts/seed.ts", "--people", "2", "--days", "1", "--full"], {
        env: { ...process.env, ...env },
      });
      expect(seeded.stderr).not.toMatch(/error/i);
      expect((await admin(env, "user", "create", "bob")).code).toBe(0);

      const bob = await admin(
        env,
        "budget",
        "set",
        "--user",
        "bob",
        "--monthly",
        "50",
        "--thresholds",
        "50,100",
      );
      expect(bob).toMatchObject({
        code: 0,
        stdout: "bob: budget set to $50.00 a month, alerts at 50, 100%.\n",
      });
      // A cent for the whole team: every threshold is passed at once, each raised once.
      const team = await admin(env, "budget", "set", "--team", "--monthly", "0.01");
      expect(team.code).toBe(0);
      expect(team.stdout).toMatch(
        /^The team: budget set to \$0\.01 a month, alerts at 50, 80, 100%\.\nRaised [34] alerts\.\n$/,
      );
      const again = await admin(env, "budget", "set", "--team", "--monthly", "$0.01");
      expect(again).toMatchObject({
        code: 0,
        stdout: "The team: budget changed to $0.01 a month, alerts at 50, 80, 100%.\n",
      });

      const month = new Date().toISOString().slice(0, 7);
      const list = await admin(env, "budget", "list");
      expect(list.stdout).toMatch(
        new RegExp(
          `team\\s+team\\s+Team budget\\s+0\\.01\\s+50,80,100\\s+${month}\\s+\\d+\\.\\d\\d\\s+\\d+%\\s+\\d+\\.\\d\\d\\s+50%,80%,100%`,
        ),
      );
      expect(list.stdout).toMatch(
        new RegExp(
          `user\\s+bob\\s+bob's budget\\s+50\\.00\\s+50,100\\s+${month}\\s+0\\.00\\s+0%\\s+0\\.00\\s+-`,
        ),
      );

      const errors: [string[], number, string][] = [
        [
          ["--team", "--user", "bob", "--monthly", "5"],
          2,
          "Name exactly one of --team, --group <name>, --user <username>.",
        ],
        [["--team"], 2, "--monthly <usd> is required."],
        [["--team", "--monthly", "0"], 2, "Invalid --monthly: must be more than $0."],
        [
          ["--team", "--monthly", "10", "--thresholds", "80,50"],
          2,
          "Invalid --thresholds: must be in ascending order",
        ],
        [
          ["--team", "--monthly", "10", "--thresholds", "1,2,3,4,5,6,7,8,9,10,11"],
          2,
          "at most 10 thresholds",
        ],
        [["--group", "nosuch", "--monthly", "10"], 1, 'Error: No group named "nosuch".'],
        [["--user", "nobody", "--monthly", "10"], 1, 'Error: No user named "nobody".'],
      ];
      for (const [args, code, message] of errors) {
        const result = await admin(env, "budget", "set", ...args);
        expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({
          args,
          code,
          stderr: expect.stringContaining(message),
        });
      }

      expect(await admin(env, "budget", "delete", "--user", "bob")).toMatchObject({
        code: 0,
        stdout: "bob: budget deleted.\n",
      });
      expect(await admin(env, "budget", "delete", "--user", "bob")).toMatchObject({
        code: 1,
        stderr: "Error: There is no budget for bob to delete.\n",
      });
      const after = await admin(env, "budget", "list");
      expect(after.stdout).not.toContain("bob");
      expect(after.stdout).toContain("Team budget");
    },
  );
});
