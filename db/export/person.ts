import { and, asc, eq, gte, inArray, like, or, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { requireSelfOrAdmin, type Principal } from "@/lib/principal";
import { getDb } from "../index";
import {
  apiKeys,
  auditLog,
  budgets,
  groupMembers,
  groups,
  machines,
  machineUsage,
  telemetryActivity,
  telemetryUsage,
  uploads,
  users,
} from "../schema";

// Everything stored about one person, shaped explicitly: no password hash, no key hash, no upload payload.

/** Audit actions whose target is the username of the person acted on. */
const ACTIONS_ON_A_PERSON = ["user.", "key.", "machine.", "usage.", "telemetry.", "setup.", "export.person"];

const usage = (t: typeof machineUsage | typeof telemetryUsage) => ({
  machine: machines.name,
  date: t.date,
  model: t.model,
  provider: t.provider,
  inputTokens: t.inputTokens,
  outputTokens: t.outputTokens,
  cacheCreationTokens: t.cacheCreationTokens,
  cacheReadTokens: t.cacheReadTokens,
  cost: t.cost,
});

const withNumberCost = <T extends { cost: string }>(rows: T[]) =>
  rows.map((row) => ({ ...row, cost: Number(row.cost) }));

export type PersonExport = Awaited<ReturnType<typeof readPersonExport>>;

/** One person's data, read in one snapshot; `by` must be that person or an admin. */
export async function readPersonExport(by: Principal, userId: number) {
  requireSelfOrAdmin(by, userId);
  const db = await getDb();
  return db.transaction(
    async (tx) => {
      const [profile] = await tx
        .select({
          username: users.username,
          displayName: users.displayName,
          email: users.email,
          role: users.role,
          hiddenFromLeaderboard: users.hiddenFromLeaderboard,
          disabledAt: users.disabledAt,
          createdAt: users.createdAt,
          updatedAt: users.updatedAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      if (!profile) throw new AppError("not_found", `No user with id ${userId}.`);
      const keys = await tx
        .select({
          name: apiKeys.name,
          kind: apiKeys.kind,
          hint: apiKeys.hint,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
          lastTelemetryAt: apiKeys.lastTelemetryAt,
          expiresAt: apiKeys.expiresAt,
          revokedAt: apiKeys.revokedAt,
        })
        .from(apiKeys)
        .where(eq(apiKeys.userId, userId))
        .orderBy(asc(apiKeys.id));
      const ownMachines = await tx
        .select({
          name: machines.name,
          createdAt: machines.createdAt,
          lastUploadAt: machines.lastUploadAt,
          lastTelemetryAt: machines.lastTelemetryAt,
        })
        .from(machines)
        .where(eq(machines.userId, userId))
        .orderBy(asc(machines.name));
      const uploadList = await tx
        .select({
          receivedAt: uploads.receivedAt,
          machine: machines.name,
          uploadedBy: users.username,
          format: uploads.format,
          formatVersion: uploads.formatVersion,
          dayCount: uploads.dayCount,
        })
        .from(uploads)
        .innerJoin(machines, eq(machines.id, uploads.machineId))
        .leftJoin(users, eq(users.id, uploads.uploadedById))
        .where(eq(uploads.userId, userId))
        .orderBy(asc(uploads.id));
      const daily = await tx
        .select(usage(machineUsage))
        .from(machineUsage)
        .innerJoin(machines, eq(machines.id, machineUsage.machineId))
        .where(eq(machineUsage.userId, userId))
        .orderBy(asc(machineUsage.date), asc(machines.name), asc(machineUsage.model));
      const telemetry = await tx
        .select({
          ...usage(telemetryUsage),
          cacheCreation5mTokens: telemetryUsage.cacheCreation5mTokens,
          cacheCreation1hTokens: telemetryUsage.cacheCreation1hTokens,
          requests: telemetryUsage.requests,
        })
        .from(telemetryUsage)
        .innerJoin(machines, eq(machines.id, telemetryUsage.machineId))
        .where(eq(telemetryUsage.userId, userId))
        .orderBy(asc(telemetryUsage.date), asc(machines.name), asc(telemetryUsage.model));
      const activity = await tx
        .select({
          machine: machines.name,
          date: telemetryActivity.date,
          metric: telemetryActivity.metric,
          detail: telemetryActivity.detail,
          value: telemetryActivity.value,
        })
        .from(telemetryActivity)
        .innerJoin(machines, eq(machines.id, telemetryActivity.machineId))
        .where(eq(telemetryActivity.userId, userId))
        .orderBy(
          asc(telemetryActivity.date),
          asc(machines.name),
          asc(telemetryActivity.metric),
          asc(telemetryActivity.detail),
        );
      const memberships = await tx
        .select({ name: groups.name, displayName: groups.displayName, addedAt: groupMembers.addedAt })
        .from(groupMembers)
        .innerJoin(groups, eq(groups.id, groupMembers.groupId))
        .where(eq(groupMembers.userId, userId))
        .orderBy(asc(groups.name));
      const personalBudgets = await tx
        .select({
          monthlyUsd: budgets.monthlyUsd,
          thresholds: budgets.thresholds,
          createdAt: budgets.createdAt,
          updatedAt: budgets.updatedAt,
        })
        .from(budgets)
        .where(and(eq(budgets.scope, "user"), eq(budgets.userId, userId)));
      const audit = await tx
        .select({
          id: auditLog.id,
          at: auditLog.createdAt,
          actor: auditLog.actorName,
          action: auditLog.action,
          target: auditLog.target,
          details: auditLog.details,
        })
        .from(auditLog)
        .where(
          or(
            eq(auditLog.actorId, userId),
            // Matched by name: only since this account exists, not about an earlier one of that name.
            and(
              gte(auditLog.createdAt, profile.createdAt),
              or(
                and(
                  eq(auditLog.target, profile.username),
                  or(...ACTIONS_ON_A_PERSON.map((prefix) => like(auditLog.action, `${prefix}%`))),
                ),
                and(like(auditLog.action, "budget.%"), eq(auditLog.target, `user:${profile.username}`)),
                and(
                  inArray(auditLog.action, ["group.add", "group.remove"]),
                  sql`${auditLog.details}->'usernames' @> jsonb_build_array(${profile.username}::text)`,
                ),
              ),
            ),
          ),
        )
        .orderBy(asc(auditLog.id));
      return {
        profile,
        keys,
        machines: ownMachines,
        uploads: uploadList,
        dailyUsage: withNumberCost(daily),
        telemetryUsage: withNumberCost(telemetry),
        telemetryActivity: activity,
        groups: memberships,
        budgets: personalBudgets.map((b) => ({ ...b, monthlyUsd: Number(b.monthlyUsd) })),
        audit,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
