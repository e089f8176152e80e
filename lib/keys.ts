import { createHash, randomBytes } from "node:crypto";

// Keys are "ccs_" + 32 random bytes (base64url, 43 characters). Only the SHA-256 of the whole key and
// a short hint are stored: a fast hash is right here because the key itself carries 256 bits of entropy.
export const API_KEY_PREFIX = "ccs_";
const API_KEY_PATTERN = /^ccs_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): { key: string; hash: string; hint: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashApiKey(key), hint: apiKeyHint(key) };
}

/** Rejects malformed keys by their shape before anything touches the database. */
export function isWellFormedApiKey(key: string): boolean {
  return API_KEY_PATTERN.test(key);
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What lists show so people can tell their keys apart: the prefix and the last four characters. */
export function apiKeyHint(key: string): string {
  return `${API_KEY_PREFIX}…${key.slice(-4)}`;
}
