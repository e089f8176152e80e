import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,db,scripts,test}/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Database suites open PGlite (a few seconds) and hash passwords with scrypt.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI_REPORT_DIR ? ["default", "json"] : ["default"],
    outputFile: process.env.CI_REPORT_DIR ? { json: `${process.env.CI_REPORT_DIR}/vitest.json` } : undefined,
  },
});
