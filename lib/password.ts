import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { z } from "zod";

// scrypt with N=2^15, r=8, p=1 (32 MiB of memory per hash): OWASP's recommended floor for scrypt.
// Parameters are stored with each hash so they can be raised later without breaking old hashes.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** Longer passwords cannot be set, so a longer one is wrong without normalising or hashing it. */
export const PASSWORD_MAX_LENGTH = 200;

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

function scrypt(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length > PASSWORD_MAX_LENGTH) throw new Error("password longer than PASSWORD_MAX_LENGTH");
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

// A real hash of a random password: verifying against it costs the same as a real check, so an
// unknown user gets the same answer in the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password in constant time; `stored` null/undefined (no such user, or no password) is always
 * false. One longer than any that can be set is false at once: every path that takes a password comes
 * here before any normalising or hashing.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  const hash = stored ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString("hex"))));
  const [scheme, n, r, p, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), { N: +n, r: +r, p: +p });
  return actual.length === expected.length && timingSafeEqual(actual, expected) && stored != null;
}

/** A random password for resets and one-time passwords: 20 characters from a 64-symbol alphabet. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
