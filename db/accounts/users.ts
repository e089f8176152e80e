import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { isStorableName } from "@/lib/path-segment";
import { hashPassword } from "@/lib/password";
import { requireAdmin, requireSelfOrAdmin, type Principal, type Role } from "@/lib/principal";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { getDb } from "../index";
import { removeSlices } from "../read-model";
import { claimHeldTelemetry } from "../telemetry";
import { apiKeys, machines, users } from "../schema";

// Columns safe to hand to any caller: never the password hash.
export const publicUserColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
};

export async function findUser(username: string) {
  const db = await getDb();
  const [user] = await db.select(publicUserColumns).from(users).where(eq(users.username, username));
  return user;
}

/** A person as the dashboard shows them (with whether they hide from the leaderboard), by username. */
export async function findPerson(username: string) {
  if (!isStorableName(username, 50)) return undefined;
  const db = await getDb();
  const [user] = await db
    .select({ ...publicUserColumns, hiddenFromLeaderboard: users.hiddenFromLeaderboard })
    .from(users)
    .where(eq(users.username, username));
  return user;
}

export async function requireUser(username: string) {
  const user = await findUser(username);
  if (!user) throw new AppError("not_found", `No user named "${username}".`);
  return user;
}

export async function createUser(
  input: {
    username: string;
    displayName?: string;
    email?: string;
    role: Role;
    password?: string;
    /** The password is a one-time one: the user must choose their own at first sign-in. */
    passwordMustChange?: boolean;
  },
  by: Principal,
) {
  requireAdmin(by);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName || input.username,
          email: input.email || null,
          role: input.role,
          passwordHash,
          passwordMustChange: !!passwordHash && !!input.passwordMustChange,
        })
        .returning(publicUserColumns);
      await writeAudit(tx, by, "user.create", user.username, {
        role: user.role,
        canSignIn: !!passwordHash,
      });
      // Telemetry a team key sent for this email before the user existed is theirs now.
      if (user.email) await claimHeldTelemetry(tx, user, user.email);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user named "${input.username}" (or with that email) already exists.`);
    }
    throw error;
  }
}

/** How many people the team has (disabled ones too): an admin alone on it is shown how to add the rest. Admins only. */
export async function countUsers(by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

/** Everyone with what admins need to see (never the password hash), by username. Admins only. */
export async function listUsers(by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  // Separate grouped counts: correlated subqueries in a select's sql fragment render their columns
  // unqualified in Drizzle ("user_id" = "id"), which silently compares the wrong columns.
  const [people, keyCounts, machineCounts] = await Promise.all([
    db
      .select({
        ...publicUserColumns,
        canSignIn: sql<boolean>`${users.passwordHash} is not null`,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .orderBy(asc(users.username)),
    db
      .select({ userId: apiKeys.userId, n: count() })
      .from(apiKeys)
      .where(isNull(apiKeys.revokedAt))
      .groupBy(apiKeys.userId),
    db.select({ userId: machines.userId, n: count() }).from(machines).groupBy(machines.userId),
  ]);
  const keys = new Map(keyCounts.map((r) => [r.userId, r.n]));
  const boxes = new Map(machineCounts.map((r) => [r.userId, r.n]));
  return people.map(({ disabledAt, ...p }) => ({
    ...p,
    activeKeys: keys.get(p.id) ?? 0,
    machines: boxes.get(p.id) ?? 0,
    disabledAt,
  }));
}

/**
 * Refuses to leave the team without an admin. Locks the admin rows, so two concurrent changes cannot
 * each leave the other as "the last admin".
 */
export async function assertNotLastAdmin(tx: Db, user: { id: number; username: string; role: Role }) {
  if (user.role !== "admin") return;
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .for("update");
  if (admins.length <= 1 && admins.some((a) => a.id === user.id)) {
    throw new AppError("conflict", `"${user.username}" is the last admin: make someone else an admin first.`);
  }
}

/**
 * Deletes a user and, by cascade, their keys, machines, usage and uploads: an admin, or the person
 * themselves. Never the last admin.
 */
export async function deleteUser(username: string, by: Principal) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx.select(publicUserColumns).from(users).where(eq(users.username, username));
    if (!user) throw new AppError("not_found", `No user named "${username}".`);
    requireSelfOrAdmin(by, user.id);
    await assertNotLastAdmin(tx, user);
    // Audit first: when people delete themselves, the entry's actor reference is then nulled by the
    // deletion (ON DELETE SET NULL) while actor_name keeps who it was.
    await writeAudit(tx, by, "user.delete", user.username, { role: user.role });
    // The team-wide rollup has no row per user to cascade from: take their usage out of it first.
    await removeSlices(tx, user.id);
    await tx.delete(users).where(eq(users.id, user.id));
  });
}

/** Sets a password (admin reset or CLI): ends the user's sessions; a one-time one must be changed at sign-in. */
export async function setPassword(
  username: string,
  password: string,
  by: Principal,
  options: { oneTime?: boolean } = {},
) {
  requireAdmin(by);
  const user = await requireUser(username);
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordMustChange: !!options.oneTime,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id));
    await writeAudit(tx, by, "user.password_reset", user.username, { oneTime: !!options.oneTime });
  });
}
