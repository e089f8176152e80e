import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { generateApiKey, hashApiKey, isWellFormedApiKey } from "@/lib/keys";
import { AppError } from "@/lib/errors";
import { requireAdmin, requireSelfOrAdmin, type Person, type Principal } from "@/lib/principal";
import { writeAudit } from "./audit";
import { getDb } from "./index";
import { apiKeys, users, type KeyKind } from "./schema";
import { publicUserColumns } from "./accounts/users";

// Never the hash: lists show the hint.
const publicKeyColumns = {
  id: apiKeys.id,
  userId: apiKeys.userId,
  username: users.username,
  name: apiKeys.name,
  hint: apiKeys.hint,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  expiresAt: apiKeys.expiresAt,
  kind: apiKeys.kind,
  lastTelemetryAt: apiKeys.lastTelemetryAt,
  expired: sql<boolean>`coalesce(${apiKeys.expiresAt} < now(), false)`,
};

/**
 * Creates a key and returns it in full: the only time it is ever seen. A team key (admins only) sends
 * telemetry for the whole team: each record's user.email says whose it is.
 */
export async function createApiKey(
  input: { userId: number; username: string; name: string; expiresAt?: Date | null; kind?: KeyKind },
  by: Principal,
) {
  if (input.kind === "team") requireAdmin(by);
  else requireSelfOrAdmin(by, input.userId);
  const { key, hash, hint } = generateApiKey();
  const db = await getDb();
  const record = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId: input.userId,
        keyHash: hash,
        hint,
        name: input.name,
        expiresAt: input.expiresAt ?? null,
        kind: input.kind ?? "personal",
      })
      .returning({ id: apiKeys.id, name: apiKeys.name, hint: apiKeys.hint, expiresAt: apiKeys.expiresAt });
    await writeAudit(tx, by, "key.create", input.username, { keyId: row.id, name: row.name, hint });
    return row;
  });
  return { key, ...record };
}

/** A person's keys (theirs, or anyone's for an admin), or with no `userId` everyone's (admins only). */
export async function listApiKeys(by: Principal, filter: { userId?: number } = {}) {
  if (filter.userId === undefined) requireAdmin(by);
  else requireSelfOrAdmin(by, filter.userId);
  const db = await getDb();
  return db
    .select(publicKeyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(filter.userId === undefined ? undefined : eq(apiKeys.userId, filter.userId))
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * Revokes one key, named by its id or its hint (ccs_…abcd). With `userId`, only among that person's keys
 * (another's id is "not found"); without, among everyone's (admins only). Ambiguous hints are refused.
 */
export async function revokeApiKey(idOrHint: string, by: Principal, filter: { userId?: number } = {}) {
  if (filter.userId === undefined) requireAdmin(by);
  else requireSelfOrAdmin(by, filter.userId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const byId = /^\d+$/.test(idOrHint) ? eq(apiKeys.id, Number(idOrHint)) : undefined;
    const byHint = eq(apiKeys.hint, idOrHint.replace("...", "…"));
    const matches = await tx
      .select(publicKeyColumns)
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(
        and(byId ?? byHint, filter.userId === undefined ? undefined : eq(apiKeys.userId, filter.userId)),
      );
    if (matches.length === 0) throw new AppError("not_found", `No key with id or hint "${idOrHint}".`);
    if (matches.length > 1) {
      throw new AppError(
        "conflict",
        `${matches.length} keys have the hint "${idOrHint}": revoke by id instead.`,
      );
    }
    const [key] = matches;
    if (!key.revokedAt) {
      await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
      await writeAudit(tx, by, "key.revoke", key.username, { keyId: key.id, hint: key.hint });
    }
    return key;
  });
}

// last_used_at is written at most this often per key, so a busy uploader does not turn every
// request into a write.
const LAST_USED_THROTTLE_MS = 5 * 60_000;

/** The owner of a valid key (well-formed, known, not revoked, not expired), or undefined. */
export async function authenticateApiKey(
  key: string,
): Promise<(Person & { keyId: number; keyKind: KeyKind }) | undefined> {
  if (!isWellFormedApiKey(key)) return undefined;
  const db = await getDb();
  const now = new Date();
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      keyKind: apiKeys.kind,
      lastUsedAt: apiKeys.lastUsedAt,
      user: publicUserColumns,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(key)),
        isNull(apiKeys.revokedAt),
        isNull(users.disabledAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    );
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_THROTTLE_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.keyId));
  }
  return { keyId: row.keyId, keyKind: row.keyKind, ...row.user };
}
