import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKED_ACTION } from "./action";

// Every server action checks who calls it and validates its input: it is made by action() (server/
// action.ts). The only exception is a plain form action that takes no input and only ends the caller's
// own session.
const PLAIN_FORM_ACTIONS = new Set(["signOutAction"]);

function actionModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionModules(file);
    return /\.tsx?$/.test(entry.name) && /^\s*["']use server["']/.test(fs.readFileSync(file, "utf8"))
      ? [file]
      : [];
  });
}

const modules = actionModules(path.resolve("app"));

describe("server actions", () => {
  it("are found (the test looks where they live)", () => {
    expect(modules.length).toBeGreaterThanOrEqual(4);
  });

  it.each(modules.map((m) => [path.relative(process.cwd(), m), m]))(
    "%s: every export goes through action()",
    async (_, file) => {
      const exports = Object.entries(await import(file));
      expect(exports.length).toBeGreaterThan(0);
      for (const [name, value] of exports) {
        const checked = typeof value === "function" && CHECKED_ACTION in value;
        expect(checked || PLAIN_FORM_ACTIONS.has(name), `${name} is not made by action()`).toBe(true);
      }
    },
  );
});
