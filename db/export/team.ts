import { asc, eq } from "drizzle-orm";
import { toView } from "../alerts/webhooks";
import { requireAdmin, type Principal } from "@/lib/principal";
import { writeAudit } from "../audit";
import { getDb } from "../index";
import {
  alerts,
  auditLog,
  budgets,
  groupMembers,
  groups,
  modelPrices,
  teamSettings,
  users,
  webhooks,
} from "../schema";

// What the admin export holds besides each person: the team's settings, groups, budgets, webhooks (never
// their secrets, URLs redacted as everywhere else), alerts, price overrides and the whole audit log.

/** Everyone whose data the admin export holds, in id order. */
export async function listExportPeople(by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  return db.select({ id: users.id, username: users.username }).from(users).orderBy(asc(users.id));
}

export type TeamExport = Awaited<ReturnType<typeof readTeamExport>>;

export async function readTeamExport(by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(
    async (tx) => {
      const [settings] = await tx.select().from(teamSettings);
      const groupRows = await tx
        .select({
          id: groups.id,
          name: groups.name,
          displayName: groups.displayName,
          createdAt: groups.createdAt,
        })
        .from(groups)
        .orderBy(asc(groups.name));
      const members = await tx
        .select({ groupId: groupMembers.groupId, username: users.username })
        .from(groupMembers)
        .innerJoin(users, eq(users.id, groupMembers.userId))
        .orderBy(asc(users.username));
      const budgetRows = await tx
        .select({
          id: budgets.id,
          scope: budgets.scope,
          group: groups.name,
          user: users.username,
          monthlyUsd: budgets.monthlyUsd,
          thresholds: budgets.thresholds,
          createdAt: budgets.createdAt,
          updatedAt: budgets.updatedAt,
        })
        .from(budgets)
        .leftJoin(groups, eq(groups.id, budgets.groupId))
        .leftJoin(users, eq(users.id, budgets.userId))
        .orderBy(asc(budgets.id));
      const hooks = await tx.select().from(webhooks).orderBy(asc(webhooks.id));
      const alertRows = await tx.select().from(alerts).orderBy(asc(alerts.id));
      const overrides = await tx
        .select()
        .from(modelPrices)
        .where(eq(modelPrices.source, "override"))
        .orderBy(asc(modelPrices.priceKey), asc(modelPrices.effectiveFrom));
      // The whole audit log: also what the admin tool (cli) and since-deleted people did.
      const audit = await tx.select().from(auditLog).orderBy(asc(auditLog.id));
      return {
        settings,
        groups: groupRows.map(({ id, ...group }) => ({
          ...group,
          members: members.filter((m) => m.groupId === id).map((m) => m.username),
        })),
        budgets: budgetRows.map((b) => ({ ...b, monthlyUsd: Number(b.monthlyUsd) })),
        webhooks: hooks.map(toView),
        alerts: alertRows,
        priceOverrides: overrides,
        audit,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Every export is audited: whose data (a person's, or the whole team's), and by whom. */
export async function recordExport(by: Principal, of: { person: string } | { team: number }) {
  const db = await getDb();
  if ("person" in of) await writeAudit(db, by, "export.person", of.person);
  else await writeAudit(db, by, "export.team", "team", { people: of.team });
}
