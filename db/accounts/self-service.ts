import { and, eq, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { Person } from "@/lib/principal";
import { writeAudit } from "../audit";
import { getDb } from "../index";
import { removeSlices } from "../read-model";
import { machines, machineUsage, telemetryUsage, users } from "../schema";
import { selectRows } from "../sql";
import { deleteUser } from "./users";

// What a signed-in person may do to their own account and data. Each takes that person and only ever
// touches their rows.

export async function updateProfile(
  by: Person,
  change: { displayName: string; hiddenFromLeaderboard: boolean },
) {
  const db = await getDb();
  await db.update(users).set(change).where(eq(users.id, by.id));
}

/** Changes the person's password and ends all their sessions (the caller signs the current one in again). */
export async function changeOwnPassword(by: Person, current: string, next: string) {
  const db = await getDb();
  const [user] = await db
    .select({ hash: users.passwordHash, mustChange: users.passwordMustChange })
    .from(users)
    .where(eq(users.id, by.id));
  if (!(await verifyPassword(current, user?.hash))) {
    throw new AppError("invalid", "This is not your current password.", { field: "current" });
  }
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordMustChange: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, by.id));
    await writeAudit(tx, by, "user.password_change", by.username);
  });
}

export async function listOwnMachines(by: Person) {
  const db = await getDb();
  return selectRows(
    db,
    {
      id: "number",
      name: "text",
      last_upload_at: "timeOrNull",
      last_telemetry_at: "timeOrNull",
      days: "number",
      first: "textOrNull",
      last: "textOrNull",
    },
    sql`select m.id, m.name, m.last_upload_at, m.last_telemetry_at, count(distinct d.date) as days,
          min(d.date)::text as first, max(d.date)::text as last
        from ${machines} m
        left join (select machine_id, date from ${machineUsage} union select machine_id, date from ${telemetryUsage}) d
          on d.machine_id = m.id
        where m.user_id = ${by.id} group by m.id order by m.name`,
  );
}

export async function renameMachine(by: Person, from: string, to: string) {
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(machines)
        .set({ name: to })
        .where(and(eq(machines.userId, by.id), eq(machines.name, from)))
        .returning({ id: machines.id });
      if (!row) throw new AppError("not_found", `You have no machine named "${from}".`);
      await writeAudit(tx, by, "machine.rename", by.username, { from, to });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `You already have a machine named "${to}".`, { field: "to" });
    throw error;
  }
}

/** Deletes one of the user's machines with all its usage and uploads; the person's days are recomputed. */
export async function deleteMachine(by: Person, name: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [machine] = await tx
      .select({ id: machines.id })
      .from(machines)
      .where(and(eq(machines.userId, by.id), eq(machines.name, name)));
    if (!machine) throw new AppError("not_found", `You have no machine named "${name}".`);
    const dates = await removeSlices(tx, by.id, { machineId: machine.id });
    await tx.delete(machines).where(eq(machines.id, machine.id));
    await writeAudit(tx, by, "machine.delete", by.username, { machine: name, days: dates.length });
  });
}

/** Deletes the user's usage on every machine from `from` to `to` (inclusive). */
export async function deleteUsageRange(by: Person, from: string, to: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const dates = await removeSlices(tx, by.id, { from, to });
    await writeAudit(tx, by, "usage.delete_range", by.username, { from, to, days: dates.length });
    return dates.length;
  });
}

export async function deleteOwnAccount(by: Person, password: string) {
  const db = await getDb();
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, by.id));
  if (!(await verifyPassword(password, user?.hash))) {
    throw new AppError("invalid", "This is not your password.", { field: "password" });
  }
  await deleteUser(by.username, by);
}
