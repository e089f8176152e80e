import { authenticateApiKey } from "@/db/api-keys";
import { AppError } from "./errors";

export type KeyOwner = NonNullable<Awaited<ReturnType<typeof authenticateApiKey>>>;

/** The owner of a valid `Authorization: Bearer <key>`, or undefined (no key, or not a valid one). */
export async function apiKeyOwner(request: Request): Promise<KeyOwner | undefined> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? authenticateApiKey(match[1]) : undefined;
}

/**
 * The owner of the request's `Authorization: Bearer <key>`. Missing, malformed, unknown, revoked and
 * expired keys all get the same 401, so a caller learns nothing about which keys exist.
 */
export async function requireApiKey(request: Request): Promise<KeyOwner> {
  const owner = await apiKeyOwner(request);
  if (!owner) {
    throw new AppError(
      "unauthorized",
      "A valid API key is required: send it as `Authorization: Bearer <key>`.",
    );
  }
  return owner;
}
