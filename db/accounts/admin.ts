import { and, desc, eq, ilike, lt, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { generatePassword } from "@/lib/password";
import { requireAdmin, type Principal, type Role } from "@/lib/principal";
import { writeAudit } from "../audit";
import { getDb } from "../index";
import { auditLog, users } from "../schema";
import { assertNotLastAdmin, createUser, publicUserColumns, setPassword } from "./users";

// Admin-only changes to other people's accounts. Each checks the principal's role itself.

/** Creates a user who signs in with a one-time password (returned once) and then chooses their own. */
export async function createUserWithOneTimePassword(
  by: Principal,
  input: { username: string; displayName?: string; email?: string; role: Role },
) {
  requireAdmin(by);
  const password = generatePassword();
  const user = await createUser({ ...input, password, passwordMustChange: true }, by);
  return { user, password };
}

export async function resetPasswordToOneTime(by: Principal, username: string) {
  requireAdmin(by);
  const password = generatePassword();
  await setPassword(username, password, by, { oneTime: true });
  return password;
}

async function changeUser(
  by: Principal,
  username: string,
  action: string,
  change: (user: { id: number; username: string; role: Role }) => Partial<typeof users.$inferInsert> | null,
) {
  requireAdmin(by);
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
      by,
      action,
      user.username,
      Object.fromEntries(Object.entries(values).filter(([k]) => k !== "sessionVersion")),
    );
  });
}

export function setRole(by: Principal, username: string, role: Role) {
  return changeUser(by, username, "user.role", (user) => (user.role === role ? null : { role }));
}

/** Disabling ends the user's sessions at once; their keys stop working too (see authenticateApiKey). */
export function setDisabled(by: Principal, username: string, disabled: boolean) {
  return changeUser(by, username, disabled ? "user.disable" : "user.enable", () => ({
    disabledAt: disabled ? new Date() : null,
    sessionVersion: sql`${users.sessionVersion} + 1` as unknown as number,
  }));
}

/** The audit log, newest first, optionally filtered by action prefix and actor; `before` pages back. */
export async function listAudit(
  by: Principal,
  filter: { action?: string; actor?: string; before?: number; limit?: number },
) {
  requireAdmin(by);
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
