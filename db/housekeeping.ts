import { lt, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { getDb, type Db } from "./index";
import {
  auditLog,
  endedSessions,
  rateLimits,
  teamSettings,
  telemetryEvents,
  telemetryPoints,
  telemetryReceipts,
  uploads,
} from "./schema";
import { queryRows } from "./sql";
import { auditRetentionDays, telemetryRetentionDays, uploadLimits } from "./team-settings";

const DAY_MS = 86_400_000;
/** Days the telemetry health view looks back. */
const RECEIPT_DAYS = 365;
/** Held by the server pruning right now, so several servers on one PostgreSQL take turns. */
const PRUNE_LOCK_KEY = 7279;
/** Rows per delete: each batch is one short transaction, so a first prune of years never holds locks long. */
export const PRUNE_BATCH = 5000;

export interface PruneResult {
  uploads: number;
  telemetryEvents: number;
  telemetryPoints: number;
  telemetryReceipts: number;
  sessions: number;
  auditEntries: number;
  rateLimits: number;
  /** Another server held the prune lock: it is pruning, this run stopped. */
  skipped: boolean;
}

/**
 * Deletes what is kept only for a while: stored copies of uploads, raw telemetry (events, metric points)
 * and audit log entries past the team's retention, old telemetry receipts, and signed-out sessions that
 * would have expired by now anyway, and the counters of rate-limit windows that have ended. What the dashboard shows (usage, activity, rollups) is never touched.
 */
export async function pruneExpired(options: { now?: Date; db?: Db; batchSize?: number } = {}) {
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  const [team] = await db.select().from(teamSettings);
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const uploadDays = uploadLimits(team).retentionDays;
  const telemetryDays = telemetryRetentionDays(team);
  const auditDays = auditRetentionDays(team);
  const jobs: [keyof Omit<PruneResult, "skipped">, PgTable, SQL | undefined][] = [
    ["uploads", uploads, uploadDays ? lt(uploads.receivedAt, before(uploadDays)) : undefined],
    ["telemetryEvents", telemetryEvents, lt(telemetryEvents.receivedAt, before(telemetryDays))],
    ["telemetryPoints", telemetryPoints, lt(telemetryPoints.receivedAt, before(telemetryDays))],
    [
      "telemetryReceipts",
      telemetryReceipts,
      lt(telemetryReceipts.date, before(RECEIPT_DAYS).toISOString().slice(0, 10)),
    ],
    ["sessions", endedSessions, lt(endedSessions.expiresAt, now)],
    ["auditEntries", auditLog, auditDays ? lt(auditLog.createdAt, before(auditDays)) : undefined],
    ["rateLimits", rateLimits, lt(rateLimits.expire, now)],
  ];
  const result: PruneResult = {
    uploads: 0,
    telemetryEvents: 0,
    telemetryPoints: 0,
    telemetryReceipts: 0,
    sessions: 0,
    auditEntries: 0,
    rateLimits: 0,
    skipped: false,
  };
  for (const [name, table, expired] of jobs) {
    if (!expired) continue; // kept forever
    for (;;) {
      const deleted = await deleteBatch(db, table, expired, options.batchSize ?? PRUNE_BATCH);
      if (deleted === "busy") return { ...result, skipped: true };
      result[name] += deleted;
      if (deleted < (options.batchSize ?? PRUNE_BATCH)) break;
    }
  }
  return result;
}

/** Deletes up to `limit` expired rows of `table` in one transaction, or "busy" when another server prunes. */
async function deleteBatch(db: Db, table: PgTable, expired: SQL, limit: number): Promise<number | "busy"> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${PRUNE_LOCK_KEY}) as locked`,
    );
    if (!locked) return "busy";
    // ctid picks the rows however the table is keyed; the subquery bounds the batch.
    const rows = await tx
      .delete(table)
      .where(sql`ctid = any(array(select ctid from ${table} where ${expired} limit ${limit}))`)
      .returning({ one: sql`1` });
    return rows.length;
  });
}
