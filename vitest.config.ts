import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next keeps server-only modules out of browser bundles; outside Next the guard has nothing to do.
      "server-only": path.resolve(import.meta.dirname, "test/server-only.ts"),
    },
  },
  test: {
    // next-auth imports "next/server" without an extension, which Node's own loader cannot resolve.
    server: { deps: { inline: ["next-auth"] } },
    include: ["{lib,db,server,scripts,test}/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Database suites open PGlite (a few seconds) and hash passwords with scrypt.
    testTimeout: 30_000,
    // Files share one PostgreSQL database per run, and a few tests change team-wide state (who is an
    // admin, the team timezone): on PostgreSQL they run one file at a time.
    fileParallelism: !process.env.TEST_DATABASE_URL,
    hookTimeout: 60_000,
    reporters: process.env.CI_REPORT_DIR ? ["default", "json"] : ["default"],
    outputFile: process.env.CI_REPORT_DIR ? { json: `${process.env.CI_REPORT_DIR}/vitest.json` } : undefined,
  },
});
