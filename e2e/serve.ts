// Starts the built app for browser tests on a fresh database of its own, and removes it afterwards:
//   tsx e2e/serve.ts pglite <port>     a new PGlite directory under E2E_RUN_DIR
//   tsx e2e/serve.ts postgres <port>   a new database on TEST_DATABASE_URL's server
//   tsx e2e/serve.ts down <port>       PostgreSQL at an address where nothing listens
//   tsx e2e/serve.ts blank <port>      a new PGlite directory with no accounts (first-run setup)
//   tsx e2e/serve.ts fault <port>      a private PostgreSQL cluster (port 5499) the fault test may crash
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { bootstrapAccounts } from "./bootstrap";
import { databaseUrlFile, FAULT_CLUSTER, METRICS_TOKEN, serverLogFile } from "./accounts";

const [driver, port] = process.argv.slice(2);
const runDir = process.env.E2E_RUN_DIR;
if (!runDir || !port || !["pglite", "postgres", "down", "blank", "fault"].includes(driver)) {
  console.error("usage: E2E_RUN_DIR=<dir> tsx e2e/serve.ts pglite|postgres|down|blank|fault <port>");
  process.exit(2);
}

const dataDir = path.join(runDir, driver);
fs.mkdirSync(dataDir, { recursive: true });
// Port 9 (discard) has no PostgreSQL behind it: connections are refused at once.
let databaseUrl = driver === "down" ? "postgres://ccs@127.0.0.1:9/unreachable" : "";
let dropDatabase = async () => {};

if (driver === "fault") {
  // Its own cluster: crash-restarting it cannot disturb anything else on the machine.
  spawnSync("pg_dropcluster", ["--stop", FAULT_CLUSTER.version, FAULT_CLUSTER.name]);
  const created = spawnSync(
    "pg_createcluster",
    [
      FAULT_CLUSTER.version,
      FAULT_CLUSTER.name,
      "-p",
      String(FAULT_CLUSTER.port),
      "--start",
      "--",
      "--auth=trust",
    ],
    { encoding: "utf8" },
  );
  if (created.status !== 0) throw new Error(`pg_createcluster failed: ${created.stderr}`);
  databaseUrl = `postgres://postgres@127.0.0.1:${FAULT_CLUSTER.port}/postgres`;
  dropDatabase = async () => {
    spawnSync("pg_dropcluster", ["--stop", FAULT_CLUSTER.version, FAULT_CLUSTER.name]);
  };
}

if (driver === "postgres") {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ccs_e2e_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}

// Tests that need the database itself (to hold a lock while a request runs) read its address here.
if (databaseUrl) fs.writeFileSync(databaseUrlFile(driver), databaseUrl);

if (driver === "pglite" || driver === "postgres" || driver === "fault") {
  // The same variables the server gets, so the accounts land in its database.
  Object.assign(process.env, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  await bootstrapAccounts(driver);
}

// The server's output goes to the test runner and to a file that tests read (serverLog in e2e/helpers.ts).
const log = fs.createWriteStream(serverLogFile(driver));
const server = spawn("node_modules/.bin/next", ["start", "-p", port], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    // The first-run server gzips its own responses (compression.spec.ts; the journey runs through it).
    HTTP_COMPRESSION: driver === "blank" ? "on" : "off",
    // The telemetry tests reach the per-key export limit quickly, and send real captures made on
    // 2026-12-01, which must stay within the days raw telemetry is kept whenever the tests run.
    ...(driver === "pglite" || driver === "postgres"
      ? {
          TELEMETRY_RATE_LIMIT_PER_MINUTE: "100",
          TELEMETRY_RETENTION_DAYS: "3650",
          // The alerts test waits for its test alert: look for due deliveries often.
          ALERTS_POLL_INTERVAL_MS: "250",
          // GET /api/metrics is on here (metrics.spec.ts); the other servers keep it off.
          METRICS_TOKEN,
        }
      : {}),
    // The fault test sends 1,000 uploads with one key, and wants failures fast.
    ...(driver === "fault"
      ? {
          UPLOAD_RATE_LIMIT_PER_MINUTE: "0",
          DATABASE_CONNECT_TIMEOUT_S: "3",
          DATABASE_STATEMENT_TIMEOUT_MS: "5000",
        }
      : {}),
  },
});

for (const stream of [server.stdout, server.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  await dropDatabase().catch((error) => console.error("[e2e] could not drop the test database:", error));
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
