import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "./client";
import { machineUsage, telemetryUsage } from "./schema";
import { dateArray } from "./sql";

/**
 * Serialises changes to one user's usage (uploads, deletions) until the transaction ends, so each sees
 * the previous one's result. Take it before reading or writing the user's slices.
 */
export const lockUserUsage = (tx: Db, userId: number) => tx.execute(userUsageLock(userId));

/** The statement of lockUserUsage, for a pipeline. */
export const userUsageLock = (userId: number) => sql`select pg_advisory_xact_lock(7272, ${userId})`;

/**
 * Recomputes usage_stats and model_usage (what charts read) for one user's days from the raw
 * machine_usage slices, so the read model always equals the sum over that user's machines, and keeps
 * the rollups equal to it: the person's per week, month and year (user_rollup, user_model_rollup), and
 * the team's per model and day (model_day_usage, changed last so its shared rows stay locked only until
 * the commit). Call inside the transaction that changed the slices, after lockUserUsage.
 *
 * One statement however many days: the SQL function refresh_read_model, whose source is
 * db/functions/refresh_read_model.sql (`npm run db:generate` turns a change there into a migration).
 */
export async function refreshReadModel(tx: Db, userId: number, dates: readonly string[]) {
  if (dates.length === 0) return;
  await tx.execute(readModelRefresh(userId, dates));
}

/** The statement of refreshReadModel, for a pipeline. */
export const readModelRefresh = (userId: number, dates: readonly string[]) =>
  sql`select refresh_read_model(${userId}, ${dateArray(dates)})`;

/** Which of a person's usage rows to remove: one machine's, a date range's, or all. */
export interface SliceFilter {
  machineId?: number;
  from?: string;
  to?: string;
}

/**
 * Deletes one user's usage rows (uploaded slices and telemetry alike) that match `filter`, and refreshes
 * the read model for the days they were on; returns those days. Takes the user's lock, so call it inside a
 * transaction.
 */
export async function removeSlices(tx: Db, userId: number, filter: SliceFilter = {}): Promise<string[]> {
  await lockUserUsage(tx, userId);
  const where = (t: typeof machineUsage | typeof telemetryUsage) =>
    and(
      eq(t.userId, userId),
      filter.machineId === undefined ? undefined : eq(t.machineId, filter.machineId),
      filter.from === undefined ? undefined : gte(t.date, filter.from),
      filter.to === undefined ? undefined : lte(t.date, filter.to),
    );
  const [uploaded, telemetry] = await Promise.all([
    tx.delete(machineUsage).where(where(machineUsage)).returning({ date: machineUsage.date }),
    tx.delete(telemetryUsage).where(where(telemetryUsage)).returning({ date: telemetryUsage.date }),
  ]);
  const dates = [...new Set([...uploaded, ...telemetry].map((r) => r.date))];
  await refreshReadModel(tx, userId, dates);
  return dates;
}
