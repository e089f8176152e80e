import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { isAdmin, type Principal } from "@/lib/principal";
import type { BudgetScope } from "@/lib/budgets";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { getDb } from "../index";
import { groups, users } from "../schema";
import { queryRows } from "../sql";

// Setting and deleting budgets: admins any, a member only their own personal budget. Every change is
// in the audit log, in the same transaction.

/** Whose budget: the team's, a group's (by name) or a person's (by username). */
export type BudgetTarget =
  { scope: "team" } | { scope: "group"; group: string } | { scope: "user"; username: string };

export interface BudgetInput {
  monthlyUsd: number;
  thresholds: number[];
}

/** How the audit log names a budget's target. */
const auditTarget = (t: BudgetTarget) =>
  t.scope === "team" ? "team" : t.scope === "group" ? `group:${t.group}` : `user:${t.username}`;

function requireMayChange(by: Principal, target: BudgetTarget) {
  if (isAdmin(by)) return;
  if (target.scope !== "user" || target.username !== (by as { username: string }).username)
    throw new AppError("forbidden", "Members may set and delete only their own personal budget.");
}

/** The target's row ids, or not_found naming the group or person. */
async function resolve(tx: Db, target: BudgetTarget) {
  if (target.scope === "group") {
    const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.name, target.group));
    if (!group) throw new AppError("not_found", `No group named "${target.group}".`, { field: "target" });
    return { scope: target.scope, groupId: group.id, userId: null };
  }
  if (target.scope === "user") {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.username, target.username));
    if (!user) throw new AppError("not_found", `No user named "${target.username}".`, { field: "target" });
    return { scope: target.scope, groupId: null, userId: user.id };
  }
  return { scope: target.scope, groupId: null, userId: null };
}

const sameTarget = (t: { scope: BudgetScope; groupId: number | null; userId: number | null }) =>
  sql`scope = ${t.scope} and coalesce(group_id, 0) = ${t.groupId ?? 0} and coalesce(user_id, 0) = ${t.userId ?? 0}`;

/** Creates or changes the target's budget (validated input: lib/budgets.ts); audited with from and to. */
export async function setBudget(by: Principal, target: BudgetTarget, input: BudgetInput) {
  requireMayChange(by, target);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ids = await resolve(tx, target);
    const [before] = await queryRows<{ monthly_usd: string; thresholds: string }>(
      tx,
      sql`select monthly_usd::text as monthly_usd, array_to_string(thresholds, ',') as thresholds
          from budgets where ${sameTarget(ids)} for update`,
    );
    const thresholds = sql`${`{${input.thresholds.join(",")}}`}::int[]`;
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into budgets (scope, group_id, user_id, monthly_usd, thresholds)
          values (${ids.scope}, ${ids.groupId}, ${ids.userId}, ${input.monthlyUsd.toFixed(2)}, ${thresholds})
          on conflict (scope, coalesce(group_id, 0), coalesce(user_id, 0))
          do update set monthly_usd = excluded.monthly_usd, thresholds = excluded.thresholds, updated_at = now()
          returning id`,
    );
    await writeAudit(tx, by, "budget.set", auditTarget(target), {
      monthlyUsd: { from: before ? Number(before.monthly_usd) : null, to: input.monthlyUsd },
      thresholds: { from: before ? before.thresholds.split(",").map(Number) : null, to: input.thresholds },
    });
    return { id: Number(row.id), created: !before };
  });
}

/** Deletes the target's budget (and its alerts); not_found when it has none. */
export async function deleteBudget(by: Principal, target: BudgetTarget) {
  requireMayChange(by, target);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ids = await resolve(tx, target);
    const deleted = await queryRows<{ monthly_usd: string }>(
      tx,
      sql`delete from budgets where ${sameTarget(ids)} returning monthly_usd::text as monthly_usd`,
    );
    if (deleted.length === 0) throw new AppError("not_found", `There is no ${describe(target)} to delete.`);
    await writeAudit(tx, by, "budget.delete", auditTarget(target), {
      monthlyUsd: Number(deleted[0].monthly_usd),
    });
  });
}

const describe = (t: BudgetTarget) =>
  t.scope === "team"
    ? "team budget"
    : t.scope === "group"
      ? `budget for the group "${t.group}"`
      : `budget for ${t.username}`;

/** The groups a budget may be set for (Settings → Budgets' choice), by display name. */
export async function listGroupChoices() {
  const db = await getDb();
  return db
    .select({ name: groups.name, displayName: groups.displayName })
    .from(groups)
    .orderBy(asc(groups.displayName));
}
