import { and, eq, gte, lte, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/password";
import { writeAudit, type Actor } from "../audit";
import { getDb } from "../index";
import { removeSlices } from "../read-model";
import { machines, machineUsage, users } from "../schema";
import { queryRows } from "../sql";
import { deleteUser } from "./users";

// What a signed-in person may do to their own account and data. Each takes the acting user and only
// ever touches that user's rows.

type Self = Actor & { id: number };

export async function updateProfile(
  self: Self,
  change: { displayName: string; hiddenFromLeaderboard: boolean },
) {
  const db = await getDb();
  await db.update(users).set(change).where(eq(users.id, self.id));
}

/** Changes the person's password and ends all their sessions (the caller signs the current one in again). */
export async function changeOwnPassword(self: Self, current: string, next: string) {
  const db = await getDb();
  const [user] = await db
    .select({ hash: users.passwordHash, mustChange: users.passwordMustChange })
    .from(users)
    .where(eq(users.id, self.id));
  if (!(await verifyPassword(current, user?.hash))) {
    throw new AppError("invalid", "This is not your current password.", { field: "current" });
  }
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordMustChange: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, self.id));
    await writeAudit(tx, self, "user.password_change", self.name);
  });
}

export async function listOwnMachines(userId: number) {
  const db = await getDb();
  return queryRows<{
    id: number;
    name: string;
    last_upload_at: string | null;
    days: string | number;
    first: string | null;
    last: string | null;
  }>(
    db,
    sql`select m.id, m.name, m.last_upload_at, count(distinct mu.date) as days, min(mu.date)::text as first, max(mu.date)::text as last
        from machines m left join machine_usage mu on mu.machine_id = m.id
        where m.user_id = ${userId} group by m.id order by m.name`,
  );
}

export async function renameMachine(self: Self, from: string, to: string) {
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(machines)
        .set({ name: to })
        .where(and(eq(machines.userId, self.id), eq(machines.name, from)))
        .returning({ id: machines.id });
      if (!row) throw new AppError("not_found", `You have no machine named "${from}".`);
      await writeAudit(tx, self, "machine.rename", self.name, { from, to });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `You already have a machine named "${to}".`, { field: "to" });
    throw error;
  }
}

/** Deletes one of the user's machines with all its usage and uploads; the person's days are recomputed. */
export async function deleteMachine(self: Self, name: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [machine] = await tx
      .select({ id: machines.id })
      .from(machines)
      .where(and(eq(machines.userId, self.id), eq(machines.name, name)));
    if (!machine) throw new AppError("not_found", `You have no machine named "${name}".`);
    const dates = await removeSlices(tx, self.id, eq(machineUsage.machineId, machine.id));
    await tx.delete(machines).where(eq(machines.id, machine.id));
    await writeAudit(tx, self, "machine.delete", self.name, { machine: name, days: dates.length });
  });
}

/** Deletes the user's usage on every machine from `from` to `to` (inclusive). */
export async function deleteUsageRange(self: Self, from: string, to: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const dates = await removeSlices(
      tx,
      self.id,
      and(gte(machineUsage.date, from), lte(machineUsage.date, to)),
    );
    await writeAudit(tx, self, "usage.delete_range", self.name, { from, to, days: dates.length });
    return dates.length;
  });
}

export async function deleteOwnAccount(self: Self, password: string) {
  const db = await getDb();
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, self.id));
  if (!(await verifyPassword(password, user?.hash))) {
    throw new AppError("invalid", "This is not your password.", { field: "password" });
  }
  await deleteUser(self.name, self);
}
