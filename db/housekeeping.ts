import { lt, sql } from "drizzle-orm";
import { getDb } from "./index";
import { pruneRateLimits } from "./rate-limits";
import { endedSessions, telemetryEvents, telemetryPoints, telemetryReceipts, uploads } from "./schema";
import { getTeamSettings, telemetryRetentionDays, uploadLimits } from "./team-settings";

const DAY_MS = 86_400_000;
/** Days the telemetry health view looks back. */
const RECEIPT_DAYS = 365;

/**
 * Deletes what is kept only for a while: stored copies of uploads and raw telemetry (events, metric
 * points) past the team's retention, old telemetry receipts, signed-out sessions that would have
 * expired by now anyway, and the counters of rate-limit windows that have ended. What the dashboard
 * shows (usage, activity, rollups) stays.
 */
export async function pruneExpired(now = new Date()) {
  const db = await getDb();
  const team = await getTeamSettings();
  const { retentionDays } = uploadLimits(team);
  const telemetryDays = telemetryRetentionDays(team);
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    uploads:
      retentionDays === 0
        ? 0
        : await count(
            db
              .delete(uploads)
              .where(lt(uploads.receivedAt, before(retentionDays)))
              .returning({ id: uploads.id }),
          ),
    telemetryEvents: await count(
      db
        .delete(telemetryEvents)
        .where(lt(telemetryEvents.receivedAt, before(telemetryDays)))
        .returning({ id: telemetryEvents.id }),
    ),
    telemetryPoints: await count(
      db
        .delete(telemetryPoints)
        .where(lt(telemetryPoints.receivedAt, before(telemetryDays)))
        .returning({ v: sql`1` }),
    ),
    telemetryReceipts: await count(
      db
        .delete(telemetryReceipts)
        .where(lt(telemetryReceipts.date, before(RECEIPT_DAYS).toISOString().slice(0, 10)))
        .returning({ v: sql`1` }),
    ),
    sessions: await count(
      db.delete(endedSessions).where(lt(endedSessions.expiresAt, now)).returning({ id: endedSessions.id }),
    ),
    rateLimits: await pruneRateLimits(now),
  };
}
