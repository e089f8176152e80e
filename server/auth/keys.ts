import "server-only";
import { authenticateApiKey } from "@/db/keys";
import { limits, type LimitResult } from "@/db/rate-limits";
import type { KeyKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Person } from "@/lib/principal";
import { BAD_KEYS_PER_CLIENT_PER_MINUTE, clientAddress } from "@/lib/rate-limit";

export type KeyOwner = Person & { keyId: number; keyKind: KeyKind };

/**
 * The owner of a valid `Authorization: Bearer <key>`, or undefined (no key, or not a valid one). A client
 * that keeps sending keys that are not valid gets AppError 429 before any lookup. A team key is valid only
 * where `teamKeys` says so (telemetry): anywhere else it is a 403.
 */
export async function apiKeyOwner(request: Request, teamKeys = false): Promise<KeyOwner | undefined> {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const client = clientAddress(request.headers);
  // A client this server already refuses is refused before any lookup, from memory; otherwise the shared
  // count is touched only when the key is not valid, so a valid key costs no limiter work.
  const refuse = (limit: LimitResult) => {
    if (limit.ok) return;
    throw new AppError(
      "rate_limited",
      `Too many requests with keys that are not valid: try again in ${limit.retryAfterSeconds} s.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  };
  refuse(await limits.badKeys.refusedHere(client, BAD_KEYS_PER_CLIENT_PER_MINUTE));
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const owner = match ? await authenticateApiKey(match[1]) : undefined;
  if (!owner) refuse(await limits.badKeys.hit(client, BAD_KEYS_PER_CLIENT_PER_MINUTE));
  if (owner?.keyKind === "team" && !teamKeys) {
    throw new AppError(
      "forbidden",
      "This is a team telemetry key: it sends Claude Code's telemetry and nothing else.",
    );
  }
  return owner;
}

/**
 * The owner of the request's `Authorization: Bearer <key>`. Missing, malformed, unknown, revoked and
 * expired keys all get the same 401, so a caller learns nothing about which keys exist.
 */
export async function requireApiKey(request: Request, teamKeys = false): Promise<KeyOwner> {
  const owner = await apiKeyOwner(request, teamKeys);
  if (!owner) {
    throw new AppError(
      "unauthorized",
      "A valid API key is required: send it as `Authorization: Bearer <key>`.",
    );
  }
  return owner;
}
