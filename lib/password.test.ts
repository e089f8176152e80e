import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, passwordSchema, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("answers false for a missing hash after doing the same work", async () => {
    const started = performance.now();
    expect(await verifyPassword("anything at all", null)).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5); // a real scrypt run, not an early return
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });

  it("bounds password length", () => {
    expect(passwordSchema.safeParse("short").success).toBe(false);
    expect(passwordSchema.safeParse("x".repeat(201)).success).toBe(false);
    expect(passwordSchema.safeParse(generatePassword()).success).toBe(true);
  });
});

describe("passwords longer than any that can be set", () => {
  it("are wrong at once, before any normalising or hashing", async () => {
    const hash = await hashPassword("x".repeat(200));
    expect(await verifyPassword("x".repeat(200), hash)).toBe(true);
    const huge = "x".repeat(45_000_000);
    const started = performance.now();
    expect(await verifyPassword(huge, hash)).toBe(false);
    expect(await verifyPassword("x".repeat(201), null)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5);
    await expect(hashPassword("x".repeat(201))).rejects.toThrow();
  });
});
