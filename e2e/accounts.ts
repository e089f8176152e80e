import fs from "node:fs";
import path from "node:path";

// Accounts that e2e/serve.ts creates before each test server starts (the embedded database cannot be
// opened by a second process once the server holds it). Each test takes members of its own.

export interface Member {
  username: string;
  key: string;
}

export interface Accounts {
  admin: Member & { password: string };
  /** Members who can sign in (the pool's members are upload-only). */
  signers: (Member & { password: string })[];
  members: Member[];
  revokedKey: string;
  expiredKey: string;
}

export const MEMBER_POOL = 80;

/** The database driver of the test's project ("pglite" or "postgres"). */
export function driverOf(info: { project: { metadata: Record<string, unknown> } }): string {
  return String(info.project.metadata.driver);
}

export function accountsFile(driver: string) {
  return path.join(process.env.E2E_RUN_DIR!, `${driver}-accounts.json`);
}

export function accounts(driver: string): Accounts {
  return JSON.parse(fs.readFileSync(accountsFile(driver), "utf8"));
}

/** A member no other test has used (tests run in one worker; the counter survives worker restarts). */
export function takeMember(driver: string): Member {
  const counter = path.join(process.env.E2E_RUN_DIR!, `${driver}-next-member`);
  const next = fs.existsSync(counter) ? Number(fs.readFileSync(counter, "utf8")) : 0;
  fs.writeFileSync(counter, String(next + 1));
  const member = accounts(driver).members[next];
  if (!member) throw new Error(`All ${MEMBER_POOL} e2e members are taken: raise MEMBER_POOL.`);
  return member;
}

/** The PostgreSQL database the test server of `driver` uses (not for the embedded one). */
export function databaseUrlFile(driver: string) {
  return path.join(process.env.E2E_RUN_DIR!, `${driver}-database-url`);
}

/** Everything the test server of `driver` printed (e2e/serve.ts writes it). */
export function serverLogFile(driver: string) {
  return path.join(process.env.E2E_RUN_DIR!, `${driver}-server.log`);
}

/** Where the admin's signed-in browser state is saved by the "<driver>-fresh" project. */
export function adminStateFile(driver: string) {
  return path.join(process.env.E2E_RUN_DIR!, `${driver}-admin-state.json`);
}

/** The private PostgreSQL cluster the fault test crash-restarts (Debian's pg_createcluster, run as root). */
export const FAULT_CLUSTER = { version: "15", name: "ccsfault", port: 5499 };

/** The METRICS_TOKEN the pglite and postgres test servers run with (e2e/serve.ts): metrics are on there. */
export const METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";
