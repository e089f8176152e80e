// Prints one "N passed, N failed" line from the vitest and Playwright JSON reports in a directory.
// A stage that failed before writing its report (typecheck, lint, build) counts as one failure.
import fs from "node:fs";
import path from "node:path";

const [dir, exitCode = "0"] = process.argv.slice(2);
const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  } catch {
    return undefined;
  }
};

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = read("playwright.json");
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
if (exitCode !== "0" && failed === 0) failed = 1; // failed outside a test runner: see the log above

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
