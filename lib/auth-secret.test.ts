import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./auth-secret";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "ccs-secret-"));

describe("AUTH_SECRET", () => {
  it("uses the environment when set", () => {
    const dir = tempDir();
    expect(resolveAuthSecret(dir, { AUTH_SECRET: "from-the-environment-0123456789abcdef" })).toBe(
      "from-the-environment-0123456789abcdef",
    );
    expect(fs.existsSync(path.join(dir, "auth-secret"))).toBe(false);
  });

  it("otherwise generates one once, keeps it private in the data dir, and reuses it", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const first = resolveAuthSecret(dir, {});
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(resolveAuthSecret(dir, {})).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret(tempDir(), {})).not.toBe(first);
  });
});
