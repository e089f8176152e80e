import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The README's `npm start`, stopped the way a service manager or a terminal stops it: a SIGTERM to npm
// must stop the server itself and free the embedded database's lock, so the next start (or the admin
// tool) can open it.

const PORT = 3198;

test("stopping npm start stops the server and frees the embedded database", async () => {
  test.setTimeout(120_000);
  const dataDir = path.join(process.env.E2E_RUN_DIR!, "npm-start");
  const npm = spawn("npm", ["start"], {
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(PORT) },
    stdio: "ignore",
  });
  const health = () =>
    fetch(`http://127.0.0.1:${PORT}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status)
      .catch(() => 0);
  const lock = path.join(dataDir, ".lock");
  let server = 0;
  try {
    await expect.poll(health, { timeout: 90_000, intervals: [500] }).toBe(200);
    server = JSON.parse(fs.readFileSync(lock, "utf8")).pid;

    npm.kill("SIGTERM");
    await expect.poll(health, { timeout: 15_000, intervals: [250] }).toBe(0);
    await expect.poll(() => fs.existsSync(lock), { timeout: 5_000 }).toBe(false);
  } finally {
    npm.kill("SIGKILL");
    try {
      if (server) process.kill(server, "SIGKILL"); // only if it outlived npm
    } catch {
      // gone, as it should be
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
