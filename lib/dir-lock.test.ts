import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDirLock, DirLockedError, releaseDirLock } from "./dir-lock";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "ccs-lock-"));
const lockOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, ".lock"), "utf8"));

describe("data directory lock", () => {
  it("is taken, re-entrant within a process, and released", () => {
    const dir = tempDir();
    acquireDirLock(dir, "test");
    expect(lockOf(dir).pid).toBe(process.pid);
    acquireDirLock(dir, "test again"); // Next evaluates modules twice: the same process may ask again
    releaseDirLock(dir);
    expect(fs.existsSync(path.join(dir, ".lock"))).toBe(false);
  });

  it("refuses while another live process holds it, naming that process", async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      const info = {
        pid: holder.pid,
        host: os.hostname(),
        command: "next start",
        since: new Date().toISOString(),
      };
      fs.writeFileSync(path.join(dir, ".lock"), JSON.stringify(info));
      expect(() => acquireDirLock(dir)).toThrow(DirLockedError);
      expect(() => acquireDirLock(dir)).toThrow(
        new RegExp(`in use by another process \\(pid ${holder.pid}: next start`),
      );
      // A second server is the likely reason: the message says where several servers belong.
      expect(() => acquireDirLock(dir)).toThrow(/to run several servers, use PostgreSQL via DATABASE_URL/);
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"]).stdout.toString().trim();
    fs.writeFileSync(
      path.join(dir, ".lock"),
      JSON.stringify({ pid: Number(dead), host: os.hostname(), command: "x", since: "" }),
    );
    acquireDirLock(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    releaseDirLock(dir);
  });
});
