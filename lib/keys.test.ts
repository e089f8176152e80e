import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyHint, generateApiKey, hashApiKey, isWellFormedApiKey } from "./keys";

describe("API keys", () => {
  it("are ccs_ plus 32 random bytes, stored as SHA-256 with a short hint", () => {
    const { key, hash, hint } = generateApiKey();
    expect(key).toMatch(/^ccs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hint).toBe(`ccs_…${key.slice(-4)}`);
    expect(hint).toBe(apiKeyHint(key));
    expect(generateApiKey().key).not.toBe(key);
  });

  it("rejects malformed keys by shape", () => {
    const { key } = generateApiKey();
    expect(isWellFormedApiKey(key)).toBe(true);
    for (const bad of [
      "",
      "ccs_",
      key.slice(0, -1),
      key + "a",
      key.replace("ccs_", "sk_"),
      key.slice(0, -1) + "!",
    ]) {
      expect(isWellFormedApiKey(bad)).toBe(false);
    }
    expect(hashApiKey(key)).toHaveLength(64);
  });
});
