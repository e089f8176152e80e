import { lt } from "drizzle-orm";
import { getDb } from "./index";
import { endedSessions, uploads } from "./schema";
import { getUploadLimits } from "./team-settings";

const DAY_MS = 86_400_000;

/**
 * Deletes what is kept only for a while: stored copies of uploads past the team's retention (the usage
 * they added stays), and signed-out sessions that would have expired by now anyway.
 */
export async function pruneExpired(now = new Date()): Promise<{ uploads: number; sessions: number }> {
  const db = await getDb();
  const { retentionDays } = await getUploadLimits();
  const gone =
    retentionDays === 0
      ? []
      : await db
          .delete(uploads)
          .where(lt(uploads.receivedAt, new Date(now.getTime() - retentionDays * DAY_MS)))
          .returning({ id: uploads.id });
  const sessions = await db
    .delete(endedSessions)
    .where(lt(endedSessions.expiresAt, now))
    .returning({ id: endedSessions.id });
  return { uploads: gone.length, sessions: sessions.length };
}
