import { getDb } from "..";
import { endedSessions } from "../schema";

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
