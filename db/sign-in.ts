import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { verifyPassword } from "@/lib/password";
import { getDb } from "./index";
import { signInFailures, users } from "./schema";

/** Seconds an attempt must wait after `failures` consecutive failures: none for 5, then 30 s doubling to 15 min. */
export function backoffSeconds(failures: number): number {
  return failures < 5 ? 0 : Math.min(900, 30 * 2 ** (failures - 5));
}

export type SignInResult =
  | { ok: true; user: { id: number; username: string; sessionVersion: number } }
  | { ok: false; retryAfterSeconds?: number };

/**
 * Checks a username and password. Unknown, disabled and password-less users get the same answer after
 * the same scrypt work as a wrong password; repeated failures for a name (existing or not) back off.
 */
export async function verifyCredentials(
  usernameInput: string,
  password: string,
  now = new Date(),
): Promise<SignInResult> {
  const username = usernameInput.trim().toLowerCase().slice(0, 64);
  const db = await getDb();
  const [failure] = await db.select().from(signInFailures).where(eq(signInFailures.username, username));
  if (failure) {
    const wait = backoffSeconds(failure.failures) - (now.getTime() - failure.lastFailureAt.getTime()) / 1000;
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait) };
  }
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      hash: users.passwordHash,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.username, username));
  const valid = await verifyPassword(password, user && !user.disabledAt ? user.hash : null);
  if (!valid || !user) {
    await db
      .insert(signInFailures)
      .values({ username, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: signInFailures.username,
        set: { failures: sql`${signInFailures.failures} + 1`, lastFailureAt: now },
      });
    // Keep the table small: names nobody tried for a day are forgotten.
    await db
      .delete(signInFailures)
      .where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - 86_400_000)));
    return { ok: false };
  }
  if (failure) await db.delete(signInFailures).where(eq(signInFailures.username, username));
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}

/** The enabled user with this email (case-insensitive), for linking a single sign-on login. */
export async function findUserByEmail(email: string) {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, username: users.username, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.disabledAt)));
  return user;
}
