import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

// Next has no hook after every response: each API route counts itself through measured() (or statsRoute,
// which calls it) under its own pattern. This keeps a new route from going uncounted or mislabelled.

const API = path.resolve(import.meta.dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

it("every API route handler is counted under its route pattern", () => {
  const files = routeFiles(API);
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const pattern = "/api" + path.dirname(file).slice(API.length).split(path.sep).join("/");
    const source = fs.readFileSync(file, "utf8");
    const exports = source.split("\n").filter((line) => /^export (?!const dynamic)/.test(line));
    expect(exports.length, file).toBeGreaterThan(0);
    for (const line of exports) {
      expect(line, file).toMatch(/^export const (\w+|\{ [\w, ]+ \}) = (measured|statsRoute)\b/);
    }
    const labels = [...source.matchAll(/(?:measured|statsRoute(?:<[^>]*>)?)\(\s*"([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(labels.length, file).toBeGreaterThan(0);
    expect(new Set(labels), file).toEqual(new Set([pattern]));
  }
});
