import { and, desc, eq, ilike, lt, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { generatePassword } from "@/lib/password";
import { writeAudit, type Actor } from "../audit";
import { getDb } from "../index";
import { auditLog, users, type Role } from "../schema";
import { assertNotLastAdmin, createUser, listUsers, publicUserColumns, setPassword } from "./users";

// Admin-only changes to other people's accounts. Each checks the acting user's role itself.

export type AdminActor = Actor & { id: number; role: Role };

function assertAdmin(actor: AdminActor) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins may do this.");
}

/** Creates a user who signs in with a one-time password (returned once) and then chooses their own. */
export async function createUserWithOneTimePassword(
  actor: AdminActor,
  input: { username: string; displayName?: string; email?: string; role: Role },
) {
  assertAdmin(actor);
  const password = generatePassword();
  const user = await createUser({ ...input, password, passwordMustChange: true }, actor);
  return { user, password };
}

export async function resetPasswordToOneTime(actor: AdminActor, username: string) {
  assertAdmin(actor);
  const password = generatePassword();
  await setPassword(username, password, actor, { oneTime: true });
  return password;
}

async function changeUser(
  actor: AdminActor,
  username: string,
  action: string,
  change: (user: { id: number; username: string; role: Role }) => Partial<typeof users.$inferInsert> | null,
) {
  assertAdmin(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx.select(publicUserColumns).from(users).where(eq(users.username, username));
    if (!user) throw new AppError("not_found", `No user named "${username}".`);
    const values = change(user);
    if (!values) return;
    if (values.role === "member" || values.disabledAt) await assertNotLastAdmin(tx, user);
    await tx.update(users).set(values).where(eq(users.id, user.id));
    await writeAudit(
      tx,
      actor,
      action,
      user.username,
      Object.fromEntries(Object.entries(values).filter(([k]) => k !== "sessionVersion")),
    );
  });
}

export function setRole(actor: AdminActor, username: string, role: Role) {
  return changeUser(actor, username, "user.role", (user) => (user.role === role ? null : { role }));
}

/** Disabling ends the user's sessions at once; their keys stop working too (see authenticateApiKey). */
export function setDisabled(actor: AdminActor, username: string, disabled: boolean) {
  return changeUser(actor, username, disabled ? "user.disable" : "user.enable", () => ({
    disabledAt: disabled ? new Date() : null,
    sessionVersion: sql`${users.sessionVersion} + 1` as unknown as number,
  }));
}

export async function listAllUsers(actor: AdminActor) {
  assertAdmin(actor);
  return listUsers();
}

/** The audit log, newest first, optionally filtered by action prefix and actor; `before` pages back. */
export async function listAudit(
  actor: AdminActor,
  filter: { action?: string; actor?: string; before?: number; limit?: number },
) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        filter.action ? ilike(auditLog.action, `${filter.action.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
        filter.actor ? eq(auditLog.actorName, filter.actor) : undefined,
        filter.before ? lt(auditLog.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100);
}
