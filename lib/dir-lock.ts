import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// PGlite takes no lock of its own, and two processes on one data directory silently corrupt it
// (duplicate primary keys, indexes that disagree with their tables). Every process that opens the
// embedded database first takes this lock file and refuses to go on while a live process holds it.

export class DirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${path.dirname(lockFile)} is in use by another process ` +
        `(pid ${holder.pid}: ${holder.command}, since ${holder.since}). Two processes on one PGlite ` +
        `directory corrupt it, so this one will not open it. Stop that process first (for the admin tool: ` +
        `stop the server, run the command, start the server again). The embedded database serves one ` +
        `process by design: to run several servers, use PostgreSQL via DATABASE_URL. ` +
        `If no such process is running, delete ${lockFile}.`,
    );
    this.name = "DirLockedError";
  }
}

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return undefined; // vanished or half-written: treated as stale
  }
}

/**
 * Takes `<dir>/.lock` for this process. Idempotent within a process (Next evaluates modules more than
 * once per server). Throws DirLockedError when another live process on this host holds it; a lock left
 * by a dead process is taken over. The lock is released when the process exits.
 */
export function acquireDirLock(dir: string, command = process.argv.slice(1).join(" ")): string {
  const file = path.join(dir, ".lock");
  if (held.has(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const me: LockInfo = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      held.add(file);
      process.once("exit", () => releaseDirLock(dir));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(file);
    if (holder && holder.pid === process.pid && holder.host === me.host) {
      held.add(file); // ours, from an earlier module instance in this process
      return file;
    }
    if (holder && (holder.host !== me.host || isAlive(holder.pid))) {
      throw new DirLockedError(file, holder);
    }
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing hands.`);
}

export function releaseDirLock(dir: string): void {
  const file = path.join(dir, ".lock");
  if (!held.delete(file)) return;
  if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}
