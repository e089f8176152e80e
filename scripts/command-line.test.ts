import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function tool(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, [script, ...args], {
      env: { ...process.env, DATA_DIR: "/nonexistent" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Every command-line tool answers --help with its usage and an unknown option with the error and its
// usage, without touching a database and without a stack trace.
describe.each(["scripts/seed.ts", "scripts/bench.ts", "scripts/migrate.ts", "scripts/admin.ts"])(
  "%s",
  (script) => {
    it("answers --help with its usage", async () => {
      const help = await tool(script, "--help");
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: npm run /m);
    });

    it("answers an unknown option with the error and its usage", async () => {
      const bogus = await tool(script, "--bogus");
      expect(bogus.code).toBe(2);
      expect(bogus.stderr).toContain("Unknown option '--bogus'");
      expect(bogus.stderr).toMatch(/^Usage: npm run /m);
      expect(bogus.stderr).not.toMatch(/^\s+at /m);
    });
  },
  30_000,
);
