import { and, eq, isNull, notExists } from "drizzle-orm";
import { getDb } from "../index";
import { endedSessions, users } from "../schema";

/**
 * The user a session cookie names, if the account is enabled and that session was not signed out; the
 * caller also compares the session version (bumped when all of a user's sessions end).
 */
export async function findSignedInUser(id: number, sid: string) {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      passwordMustChange: users.passwordMustChange,
      hiddenFromLeaderboard: users.hiddenFromLeaderboard,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(
      and(
        eq(users.id, id),
        isNull(users.disabledAt),
        notExists(db.select({ id: endedSessions.id }).from(endedSessions).where(eq(endedSessions.id, sid))),
      ),
    );
  return user;
}

/**
 * Ends one sign-in on every server: its session cookie stops working even where a copy of it survives.
 * Kept until the session would have expired anyway (db/housekeeping.ts drops it then).
 */
export async function endSession(session: { sid: string; userId: number }, maxAgeSeconds: number) {
  if (!session.sid) return;
  const db = await getDb();
  await db
    .insert(endedSessions)
    .values({
      id: session.sid,
      userId: session.userId,
      expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
    })
    .onConflictDoNothing();
}
