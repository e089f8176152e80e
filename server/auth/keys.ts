import "server-only";
import { authenticateApiKey } from "@/db/keys";
import { AppError } from "@/lib/errors";
import type { Person } from "@/lib/principal";
import { BAD_KEYS_PER_CLIENT_PER_MINUTE, clientAddress, limits } from "@/lib/rate-limit";

/**
 * The owner of a valid `Authorization: Bearer <key>`, or undefined (no key, or not a valid one). A client
 * that keeps sending keys that are not valid gets AppError 429 before any lookup.
 */
export async function apiKeyOwner(request: Request): Promise<(Person & { keyId: number }) | undefined> {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const client = clientAddress(request.headers);
  const allowed = limits.badKeys.check(client, BAD_KEYS_PER_CLIENT_PER_MINUTE);
  if (!allowed.ok) {
    throw new AppError(
      "rate_limited",
      `Too many requests with keys that are not valid: try again in ${allowed.retryAfterSeconds} s.`,
      { retryAfterSeconds: allowed.retryAfterSeconds },
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const owner = match ? await authenticateApiKey(match[1]) : undefined;
  if (!owner) limits.badKeys.hit(client, BAD_KEYS_PER_CLIENT_PER_MINUTE);
  return owner;
}

/**
 * The owner of the request's `Authorization: Bearer <key>`. Missing, malformed, unknown, revoked and
 * expired keys all get the same 401, so a caller learns nothing about which keys exist.
 */
export async function requireApiKey(request: Request): Promise<Person & { keyId: number }> {
  const owner = await apiKeyOwner(request);
  if (!owner) {
    throw new AppError(
      "unauthorized",
      "A valid API key is required: send it as `Authorization: Bearer <key>`.",
    );
  }
  return owner;
}
