import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { dailyReport } from "../lib/seed/reports";
import { callAction, signIn, signOutEndsCopy } from "./helpers";

// Two `next start` processes on one PostgreSQL database, as behind a load balancer (the README's "Several
// servers"): a limit counted on one holds on the other, and a sign-out on one ends the session on both.
// The servers start together on an empty database, so their migrations also take turns.

test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL: both servers share one PostgreSQL");
test.describe.configure({ mode: "serial" });

const PORTS = [3110, 3111];
const EMPTY = { cookies: [], origins: [] };
const PASSWORD = "sam password 123";
/** A client address of its own per test (documentation range), so per-client limits stay apart. */
const client = (n: number) => ({ "X-Forwarded-For": `203.0.113.${n}` });

let databaseUrl = "";
let dropDatabase = async () => {};
const servers: ChildProcess[] = [];
let key = "";
let a: APIRequestContext;
let b: APIRequestContext;
const [A, B] = PORTS.map((port) => `http://127.0.0.1:${port}`);

/** The admin tool against the shared database, as an operator runs it; its last line is the answer. */
function admin(...args: string[]) {
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`admin ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1)!;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  const base = process.env.TEST_DATABASE_URL!;
  const name = `ccs_e2e_servers_${Date.now()}_${process.pid}`;
  const pg = postgres(base, { max: 1, onnotice: () => {} });
  await pg.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    await pg.unsafe(`drop database if exists "${name}" with (force)`);
    await pg.end();
  };

  const secret = randomBytes(32).toString("base64url"); // the same on every server
  for (const port of PORTS) {
    const dataDir = path.join(process.env.E2E_RUN_DIR!, `several-servers-${port}`);
    fs.mkdirSync(dataDir, { recursive: true });
    const server = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        AUTH_SECRET: secret,
        NEXT_TELEMETRY_DISABLED: "1",
        UPLOAD_RATE_LIMIT_PER_MINUTE: "3",
      },
    });
    servers.push(server);
  }
  const health = (base: string) =>
    fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status)
      .catch(() => 0);
  for (const base of [A, B]) await expect.poll(() => health(base), { timeout: 120_000 }).toBe(200);

  admin("user", "create", "sam", "--admin", "--password", PASSWORD); // an admin: no first-run setup page
  key = admin("key", "create", "sam");
  a = await playwright.request.newContext({ baseURL: A, storageState: EMPTY });
  b = await playwright.request.newContext({ baseURL: B, storageState: EMPTY });
});

test.afterAll(async () => {
  await a?.dispose();
  await b?.dispose();
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) => {
          if (server.exitCode !== null) return resolve(null);
          server.once("exit", resolve);
          server.kill("SIGTERM");
        }),
    ),
  );
  await dropDatabase();
});

test("a key's upload limit holds across both servers", async () => {
  const upload = (request: APIRequestContext) =>
    request.post("/api/v1/usage?dryRun=1", {
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      data: Buffer.from(JSON.stringify(dailyReport({ "2026-11-30": { "claude-sonnet-4-5": [1000, 0.01] } }))),
    });
  // UPLOAD_RATE_LIMIT_PER_MINUTE=3: two on A and one on B use it up.
  expect([(await upload(a)).status(), (await upload(a)).status(), (await upload(b)).status()]).toEqual([
    200, 200, 200,
  ]);
  for (const request of [a, b]) {
    const limited = await upload(request);
    expect(limited.status()).toBe(429);
    expect((await limited.json()).error.message).toMatch(/Too many uploads: try again in \d+ s/);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  }
});

test("keys that are not valid count against the client on both servers", async () => {
  const get = (request: APIRequestContext) =>
    request.get("/api/v1/leaderboard", {
      headers: { ...client(1), Authorization: `Bearer ccs_${randomBytes(32).toString("base64url")}` },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 60; i++) statuses.push((await get(i % 2 ? b : a)).status());
  expect(new Set(statuses)).toEqual(new Set([401])); // 30 on each: 60 per minute in all
  expect((await get(a)).status()).toBe(429);
  expect((await get(b)).status()).toBe(429);
});

test("signing out on one server is signing out on the other", async ({ browser, playwright }) => {
  const context = await browser.newContext({ baseURL: A, storageState: EMPTY });
  const page = await context.newPage();
  await signIn(page, "sam", PASSWORD);
  // The same cookie on B (cookies do not tell ports apart, the copy makes it explicit).
  const copy = await playwright.request.newContext({
    baseURL: B,
    storageState: await context.storageState(),
  });
  expect((await copy.get("/settings", { maxRedirects: 0 })).status()).toBe(200);

  await signOutEndsCopy(page, copy);
  await copy.dispose();
  await context.close();
});

test("failed sign-ins count against the client on both servers, and a name backs off on both", async () => {
  const attempt = (request: APIRequestContext, base: string, username: string, headers: object) =>
    callAction(request, base, "signInWithPassword", { username, password: "wrong" }, { ...headers });
  // 20 names tried from one client, 10 through each server: the 21st try is held back on either.
  for (let i = 0; i < 20; i++) {
    const [request, base] = i % 2 ? [b, B] : [a, A];
    expect((await attempt(request, base, `nobody-${i}`, client(2))).body).toContain(
      "Wrong username or password.",
    );
  }
  for (const [request, base] of [
    [a, A],
    [b, B],
  ] as const) {
    expect((await attempt(request, base, "one-more", client(2))).body).toContain(
      "Too many failed sign-ins from your network",
    );
  }
  // Five failures for one name, alternating servers: that name now waits, whichever server is asked.
  for (let i = 0; i < 5; i++) {
    const [request, base] = i % 2 ? [b, B] : [a, A];
    expect((await attempt(request, base, "sam", client(3))).body).toContain("Wrong username or password.");
  }
  const locked = await callAction(
    b,
    B,
    "signInWithPassword",
    { username: "sam", password: PASSWORD },
    client(4),
  );
  expect(locked.body).toContain("Too many failed attempts for this username");
});
