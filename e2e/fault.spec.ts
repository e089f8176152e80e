import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { READ_MODEL_DRIFT_SQL, ROLLUP_DRIFT_SQL } from "../test/drift";
import { dailyReport } from "../lib/seed/reports";
import { accounts, FAULT_CLUSTER } from "./accounts";

// 1,000 uploads at concurrency 4 while the database crashes and restarts three times. With client
// retries, no acknowledged upload may be lost, the read model must still equal the raw rows, and no
// request may hang past its deadline.

const UPLOADS = 1000;
const CONCURRENCY = 4;
const DEADLINE_MS = 20_000;

test("uploads survive database crashes", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const { admin } = accounts("fault");
  const acknowledged = new Map<string, number>(); // machine -> input tokens it was acknowledged with
  const statuses = new Map<number, number>();
  let hung = 0;
  let next = 0;
  let crashes = 0;

  async function send(i: number) {
    const machine = `m${i}`;
    const tokens = i + 1;
    const body = JSON.stringify(dailyReport({ "2024-06-01": { "claude-fault": [tokens, tokens / 1000] } }));
    for (let attempt = 0; attempt < 30; attempt++) {
      try {
        const response = await fetch(`${baseURL}/api/v1/usage?user=fault-${i % 10}`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${admin.key}`,
            "Content-Type": "application/json",
            "X-Machine-Id": machine,
          },
          body,
          signal: AbortSignal.timeout(DEADLINE_MS),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.ok) {
          acknowledged.set(machine, tokens);
          return;
        }
        expect(response.status, await response.text()).toBe(503); // the only acceptable failure
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      } catch (error) {
        if ((error as Error).name === "TimeoutError") hung++;
      }
      await new Promise((r) => setTimeout(r, 200 * Math.min(attempt + 1, 5)));
    }
  }

  const crasher = (async () => {
    for (const at of [0.25, 0.5, 0.75]) {
      while (next < UPLOADS * at) await new Promise((r) => setTimeout(r, 20));
      // Asynchronously: uploads must keep arriving while the database is down.
      const exitCode = await new Promise<number | null>((resolve) =>
        spawn("pg_ctlcluster", [FAULT_CLUSTER.version, FAULT_CLUSTER.name, "restart", "-m", "immediate"], {
          stdio: "ignore",
        }).once("exit", resolve),
      );
      expect(exitCode).toBe(0);
      crashes++;
    }
  })();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < UPLOADS) await send(next++);
    }),
  );
  await crasher;

  expect(crashes).toBe(3);
  expect(hung).toBe(0);
  expect(acknowledged.size).toBe(UPLOADS);
  console.log(`fault test: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(
    statuses.get(503) ?? 0,
    "no upload met a crashed database: the test did not test anything",
  ).toBeGreaterThan(0);

  const sql = postgres(`postgres://postgres@127.0.0.1:${FAULT_CLUSTER.port}/postgres`, {
    max: 1,
    onnotice: () => {},
  });
  try {
    const stored = await sql<{ name: string; tokens: string }[]>`
      select m.name, sum(mu.input_tokens) as tokens from machines m join machine_usage mu on mu.machine_id = m.id
      join users u on u.id = m.user_id where u.username like 'fault-%' group by m.name`;
    const lost = [...acknowledged].filter(
      ([machine, tokens]) => Number(stored.find((r) => r.name === machine)?.tokens) !== tokens,
    );
    expect(lost).toEqual([]);
    // The read model and the monthly rollups still equal the raw rows.
    expect(await sql.unsafe(READ_MODEL_DRIFT_SQL)).toEqual([]);
    expect(await sql.unsafe(ROLLUP_DRIFT_SQL)).toEqual([]);
  } finally {
    await sql.end();
  }
});
