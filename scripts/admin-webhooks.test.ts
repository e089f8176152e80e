import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { like } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "@/db/client";
import { auditLog } from "@/db/schema";
import { readDatabaseConfig } from "@/lib/config";
import { DRIVERS } from "@/test/database";
import { startReceiver } from "@/test/webhook-receiver";

// `npm run admin -- webhook …` as an operator runs it, against a real receiver on 127.0.0.1.

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
const SECRET = "cli-secret-0123456789";

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

describe.each(DRIVERS)("admin tool webhooks [%s]", (driver) => {
  it("adds, lists, tests and deletes webhooks, refusing bad input", { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-cli-hooks-"));
    const env =
      driver === "postgres"
        ? { DATABASE_URL: inject("pgUrl"), DATA_DIR: dataDir }
        : { DATABASE_URL: "", DATA_DIR: dataDir };
    let down = false;
    const receiver = await startReceiver(() => ({ status: down ? 500 : 200 }));
    try {
      const url = `${receiver.url}?token=abcdef`;
      expect(await admin(env, "webhook", "add", "ftp://example.com/x")).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("Invalid URL: must start with http:// or https:// (not ftp://)."),
      });
      expect(await admin(env, "webhook", "add", url, "--format", "xml")).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("Invalid --format"),
      });
      expect(await admin(env, "webhook", "add", url, "--secret", "short")).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("Invalid --secret: must be at least 16 characters."),
      });

      const added = await admin(env, "webhook", "add", url, "--secret", SECRET, "--digest");
      expect(added.code).toBe(0);
      const [, id, shown] = /^Added webhook (\d+): (\S+) \(json, signed\)\.\n$/.exec(added.stdout) ?? [];
      expect(shown).toBe(`${receiver.url}?…`);

      const list = await admin(env, "webhook", "list");
      expect(list.stdout).toMatch(
        new RegExp(`^${id}\\s+${shown.replace(/[?.]/g, "\\$&")}\\s+json\\s+set\\s+true`, "m"),
      );
      expect(list.stdout).not.toContain(SECRET);
      expect(list.stdout).not.toContain("abcdef");

      const tested = await admin(env, "webhook", "test", id);
      expect(tested).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^Delivered to webhook \d+: HTTP 200 in \d+ ms\.\n$/),
      });
      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      expect(got.path).toBe("/hook?token=abcdef");
      expect(JSON.parse(got.body)).toMatchObject({
        kind: "test",
        payload: { title: expect.stringMatching(/^Test alert from /) },
      });
      expect(got.headers["x-ccs-signature"]).toBe(
        `sha256=${createHmac("sha256", SECRET).update(got.body).digest("hex")}`,
      );

      down = true;
      expect(await admin(env, "webhook", "test", id)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          `Webhook ${id} did not take the test: HTTP 500 Internal Server Error.`,
        ),
      });

      expect(await admin(env, "webhook", "delete", id)).toMatchObject({
        code: 0,
        stdout: `Deleted webhook ${id}: ${shown}.\n`,
      });
      expect(await admin(env, "webhook", "delete", id)).toMatchObject({
        code: 1,
        stderr: `Error: No webhook with id ${id}.\n`,
      });
      expect(await admin(env, "webhook", "test", "x")).toMatchObject({ code: 2 });

      const database = await openDatabase({ config: readDatabaseConfig(env) });
      try {
        const entries = await database.db
          .select()
          .from(auditLog)
          .where(like(auditLog.target, `${receiver.url}%`));
        expect(entries.map((e) => [e.action, e.actorName])).toEqual([
          ["webhook.add", "cli"],
          ["webhook.test", "cli"],
          ["webhook.test", "cli"],
          ["webhook.delete", "cli"],
        ]);
        expect(JSON.stringify(entries)).not.toContain(SECRET);
      } finally {
        await database.close();
      }
    } finally {
      await receiver.close();
    }
  });
});
