import { asc, count, eq, isNull, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { writeAudit, type Actor } from "./audit";
import { getDb } from "./index";
import { apiKeys, machines, users, type Role } from "./schema";

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

export async function requireUser(username: string) {
  const user = await findUser(username);
  if (!user) throw new AppError("not_found", `No user named "${username}".`);
  return user;
}

export async function createUser(
  input: { username: string; displayName?: string; email?: string; role: Role; password?: string },
  actor: Actor,
) {
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
        })
        .returning(publicUserColumns);
      await writeAudit(tx, actor, "user.create", user.username, {
        role: user.role,
        canSignIn: !!passwordHash,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user named "${input.username}" (or with that email) already exists.`);
    }
    throw error;
  }
}

export async function listUsers() {
  const db = await getDb();
  // Separate grouped counts: correlated subqueries in a select's sql fragment render their columns
  // unqualified in Drizzle ("user_id" = "id"), which silently compares the wrong columns.
  const [people, keyCounts, machineCounts] = await Promise.all([
    db
      .select({ ...publicUserColumns, canSignIn: sql<boolean>`${users.passwordHash} is not null` })
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
  return people.map((p) => ({ ...p, activeKeys: keys.get(p.id) ?? 0, machines: boxes.get(p.id) ?? 0 }));
}

/** Deletes a user and, by cascade, their keys, machines, usage and uploads. Never the last admin. */
export async function deleteUser(username: string, actor: Actor) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Lock the admin rows so two concurrent deletions cannot each leave the other as "the last admin".
    const admins = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(eq(users.role, "admin"))
      .for("update");
    const [user] = await tx.select(publicUserColumns).from(users).where(eq(users.username, username));
    if (!user) throw new AppError("not_found", `No user named "${username}".`);
    if (user.role === "admin" && admins.length === 1) {
      throw new AppError("conflict", `"${username}" is the last admin: make someone else an admin first.`);
    }
    await tx.delete(users).where(eq(users.id, user.id));
    await writeAudit(tx, actor, "user.delete", user.username, { role: user.role });
  });
}

export async function setPassword(username: string, password: string, actor: Actor) {
  const user = await requireUser(username);
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await writeAudit(tx, actor, "user.password_reset", user.username);
  });
}

export async function countAdmins() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  return row.n;
}
