import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { dailyReport } from "../lib/seed/reports";
import { accounts, FAULT_CLUSTER } from "./accounts";

// The fault project's PostgreSQL stops answering without dropping a connection (SIGSTOP, as a frozen VM
// or a hung storage would): its statement_timeout cannot fire, yet every request must answer within the
// server's own deadline (DATABASE_STATEMENT_TIMEOUT_MS 5 s + DATABASE_CONNECT_TIMEOUT_S 3 s here), and
// work again once the database does.

const DEADLINE_MS = 8_000;
const MARGIN_MS = 4_000;

/** The cluster's postmaster and every backend it forked. */
function clusterPids(): number[] {
  const pidFile = `/var/lib/postgresql/${FAULT_CLUSTER.version}/${FAULT_CLUSTER.name}/postmaster.pid`;
  const postmaster = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  const children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);
  return [postmaster, ...children];
}

test("a frozen database gets 503s within the deadline, and service comes back when it thaws", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { admin } = accounts("fault");
  const auth = { Authorization: `Bearer ${admin.key}` };
  const upload = () =>
    fetch(`${baseURL}/api/v1/usage?user=frozen`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json", "X-Machine-Id": `m${Date.now()}` },
      body: JSON.stringify(dailyReport({ "2024-07-01": { "claude-frozen": [1, 0.001] } })),
      signal: AbortSignal.timeout(60_000),
    });
  const read = () =>
    fetch(`${baseURL}/api/v1/leaderboard`, { headers: auth, signal: AbortSignal.timeout(60_000) });
  const page = () => fetch(`${baseURL}/`, { signal: AbortSignal.timeout(60_000) });

  // The crash test before this one restarted the database: a pooled connection that died with it fails
  // its next statement once, a 503 as that test allows. Wait until both work again, then warm the pool:
  // every connection the requests will use is open before the freeze.
  await expect
    .poll(async () => [(await read()).status, (await upload()).status], { timeout: 30_000 })
    .toEqual([200, 200]);
  for (let i = 0; i < 5; i++) {
    expect((await read()).status).toBe(200);
    expect((await upload()).status).toBe(200);
  }

  const pids = clusterPids();
  for (const pid of pids) process.kill(pid, "SIGSTOP");
  try {
    const timed = async (request: () => Promise<Response>) => {
      const started = Date.now();
      const response = await request();
      return { response, ms: Date.now() - started, body: await response.text() };
    };
    const [up, rd, pg] = await Promise.all([timed(upload), timed(read), timed(page)]);
    for (const { response, ms, body } of [up, rd]) {
      expect(ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(response.status, body).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(JSON.parse(body).error.code).toBe("unavailable");
    }
    // A page streams: it has begun with a 200 before its data fails, so what counts is that it ends.
    expect(pg.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  } finally {
    for (const pid of pids) process.kill(pid, "SIGCONT");
  }

  // Thawed: the requests that were waiting finish on the server, and new ones work again.
  await expect
    .poll(async () => [(await read()).status, (await upload()).status], { timeout: 30_000 })
    .toEqual([200, 200]);
});
