import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { verifyPassword } from "@/lib/password";
import { usernameSchema } from "@/lib/username";
import { getDb } from "../index";
import { signInFailures, users } from "../schema";

/** Seconds an attempt must wait after `failures` consecutive failures: none for 5, then 30 s doubling to 15 min. */
export function backoffSeconds(failures: number): number {
  return failures < 5 ? 0 : Math.min(900, 30 * 2 ** (failures - 5));
}

export type SignInResult =
  | { ok: true; user: { id: number; username: string; sessionVersion: number } }
  | { ok: false; retryAfterSeconds?: number };

// backoffSeconds in SQL, for the reservation below (failures capped: 2^10 * 30 s is far past the 15 min cap).
const waitSql = sql`case when ${signInFailures.failures} < 5 then 0
  else least(900, 30 * power(2, least(${signInFailures.failures}, 15) - 5)) end`;

/**
 * Checks a username and password. Unknown, disabled and password-less users get the same answer after
 * the same scrypt work as a wrong password; repeated failures for a name (existing or not) back off. Each
 * attempt is counted before the password is checked, in one statement, so a burst of parallel guesses
 * gets no more checks than the same guesses one after another.
 */
export async function verifyCredentials(
  usernameInput: string,
  password: string,
  now = new Date(),
): Promise<SignInResult> {
  const username = usernameSchema.safeParse(usernameInput);
  if (!username.success) return { ok: false }; // no such name can exist: nothing to look up or count
  const name = username.data;
  const db = await getDb();
  const [attempt] = await db
    .insert(signInFailures)
    .values({ username: name, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.username,
      set: { failures: sql`${signInFailures.failures} + 1`, lastFailureAt: now },
      setWhere: sql`${signInFailures.lastFailureAt} + ${waitSql} * interval '1 second' <= ${now.toISOString()}::timestamptz`,
    })
    .returning({ failures: signInFailures.failures });
  if (!attempt) {
    const [failure] = await db.select().from(signInFailures).where(eq(signInFailures.username, name));
    const wait = failure
      ? backoffSeconds(failure.failures) - (now.getTime() - failure.lastFailureAt.getTime()) / 1000
      : 1;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
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
    .where(eq(users.username, name));
  const valid = await verifyPassword(password, user && !user.disabledAt ? user.hash : null);
  if (!valid || !user) {
    // Keep the table small: names nobody tried for a day are forgotten.
    await db
      .delete(signInFailures)
      .where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - 86_400_000)));
    return { ok: false };
  }
  await db.delete(signInFailures).where(eq(signInFailures.username, name));
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
