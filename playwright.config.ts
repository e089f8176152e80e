import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, type PlaywrightTestConfig, type Project } from "@playwright/test";
import { adminStateFile } from "./e2e/accounts";

// Evaluated by the runner and again by each worker: the run directory is made once and inherited.
process.env.E2E_RUN_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "ccs-e2e-"));

const reportDir = process.env.CI_REPORT_DIR;
// Browser tests run against the built app on PGlite, and also on PostgreSQL when TEST_DATABASE_URL is set.
// A third server has no reachable database at all, for the failure paths.
const servers = [
  { driver: "pglite", port: 3100 },
  ...(process.env.TEST_DATABASE_URL ? [{ driver: "postgres", port: 3101 }] : []),
  { driver: "down", port: 3102 },
  { driver: "blank", port: 3103 },
  // Crash-restarts a private PostgreSQL cluster: needs root and Debian's postgresql-common (CI has both).
  ...(process.getuid?.() === 0 && fs.existsSync("/usr/bin/pg_createcluster")
    ? [{ driver: "fault", port: 3104 }]
    : []),
];

const webServer: PlaywrightTestConfig["webServer"] = servers.map(({ driver, port }) => ({
  command: `node_modules/.bin/tsx e2e/serve.ts ${driver} ${port}`,
  // Ready when the database is open; the database-less server's health is a 503, so its home page is used.
  url: `http://127.0.0.1:${port}${driver === "down" ? "/" : "/api/health"}`,
  // The first open of a fresh PGlite directory (initdb + migrations) takes several seconds.
  timeout: 120_000,
  reuseExistingServer: false,
  gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  stdout: "pipe",
}));

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: reportDir ? [["list"], ["json", { outputFile: `${reportDir}/playwright.json` }]] : [["list"]],
  use: {
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Per database: "<driver>-fresh" checks the first-run page before anything is uploaded, then "<driver>"
  // runs everything else against the same server. "down" has no database at all.
  projects: servers.flatMap(({ driver, port }): Project[] => {
    const use = { browserName: "chromium" as const, baseURL: `http://127.0.0.1:${port}` };
    if (driver === "down")
      return [{ name: driver, use, metadata: { driver }, testMatch: "database-down.spec.ts" }];
    if (driver === "blank")
      return [
        {
          name: driver,
          use,
          metadata: { driver },
          // The first-run server's specs, and specs that start servers of their own (npm start; two servers
          // on one PostgreSQL database).
          testMatch: [
            "journey.spec.ts",
            "compression.spec.ts",
            "npm-start.spec.ts",
            "several-servers.spec.ts",
          ],
        },
      ];
    if (driver === "fault")
      return [
        {
          name: driver,
          use,
          metadata: { driver },
          // Crashes first, then a frozen database: files run in this order.
          testMatch: ["fault.spec.ts", "frozen-database.spec.ts"],
        },
      ];
    return [
      // First the first-run page and signing in, which saves the admin's session for the rest.
      { name: `${driver}-fresh`, use, metadata: { driver }, testMatch: "smoke.spec.ts" },
      {
        name: driver,
        use: { ...use, storageState: adminStateFile(driver) },
        metadata: { driver },
        testIgnore: [
          "smoke.spec.ts",
          "database-down.spec.ts",
          "journey.spec.ts",
          "fault.spec.ts",
          "frozen-database.spec.ts",
          "npm-start.spec.ts",
          "several-servers.spec.ts",
        ],
        dependencies: [`${driver}-fresh`],
      },
    ];
  }),
  webServer,
});
