import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { requireAdmin, type Principal } from "@/lib/principal";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { getDb } from "../index";
import { groupMembers, groups, users } from "../schema";

// Groups inside the team: admins create them and put people in them (a person may be in several). Every
// change is audited in the same transaction.

export interface GroupSummary {
  id: number;
  name: string;
  displayName: string;
  members: string[];
  createdAt: Date;
}

/** Every group with its members' usernames, by name (anyone who may read the dashboard may see them). */
export async function listGroups(): Promise<GroupSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: groups.id,
      name: groups.name,
      displayName: groups.displayName,
      createdAt: groups.createdAt,
      members: sql<
        string[]
      >`coalesce(array_agg(${users.username} order by ${users.username}) filter (where ${users.id} is not null), '{}')`,
    })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .leftJoin(users, eq(users.id, groupMembers.userId))
    .groupBy(groups.id)
    .orderBy(asc(groups.name));
  return rows;
}

/** Every group's name and display name, by name: the dashboard's group picker. */
export async function listGroupNames(): Promise<{ name: string; displayName: string }[]> {
  const db = await getDb();
  return db
    .select({ name: groups.name, displayName: groups.displayName })
    .from(groups)
    .orderBy(asc(groups.name));
}

/** The group of that name, or undefined. */
export async function findGroup(name: string) {
  const db = await getDb();
  const [group] = await db
    .select({ id: groups.id, name: groups.name, displayName: groups.displayName })
    .from(groups)
    .where(eq(groups.name, name));
  return group;
}

async function requireGroup(tx: Db, name: string) {
  const [group] = await tx.select().from(groups).where(eq(groups.name, name)).for("update");
  if (!group) throw new AppError("not_found", `No group named "${name}".`);
  return group;
}

export async function createGroup(input: { name: string; displayName?: string }, by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [group] = await tx
        .insert(groups)
        .values({ name: input.name, displayName: input.displayName || input.name })
        .returning();
      await writeAudit(tx, by, "group.create", group.name, { displayName: group.displayName });
      return group;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A group named "${input.name}" exists already.`);
    throw error;
  }
}

export async function deleteGroup(name: string, by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, name);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(groupMembers)
      .where(eq(groupMembers.groupId, group.id));
    await tx.delete(groups).where(eq(groups.id, group.id));
    await writeAudit(tx, by, "group.delete", group.name, { members: n });
    return { members: n };
  });
}

/** The users of these usernames, or a not_found naming every unknown one (nothing is changed then). */
async function requireUsers(tx: Db, usernames: string[]) {
  const found = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, usernames));
  const missing = usernames.filter((u) => !found.some((f) => f.username === u));
  if (missing.length)
    throw new AppError("not_found", `No user named ${missing.map((u) => `"${u}"`).join(", ")}.`);
  return found;
}

/** Adds people to a group; returns who was added (people already in it are left as they are). */
export async function addMembers(name: string, usernames: string[], by: Principal): Promise<string[]> {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, name);
    const people = await requireUsers(tx, [...new Set(usernames)]);
    const added = await tx
      .insert(groupMembers)
      .values(people.map((p) => ({ groupId: group.id, userId: p.id })))
      .onConflictDoNothing()
      .returning({ userId: groupMembers.userId });
    const names = people.filter((p) => added.some((a) => a.userId === p.id)).map((p) => p.username);
    if (names.length) await writeAudit(tx, by, "group.add", group.name, { usernames: names });
    return names.sort();
  });
}

/** Removes people from a group; returns who was removed (people not in it are ignored). */
export async function removeMembers(name: string, usernames: string[], by: Principal): Promise<string[]> {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, name);
    const people = await requireUsers(tx, [...new Set(usernames)]);
    const removed = await tx
      .delete(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, group.id),
          inArray(
            groupMembers.userId,
            people.map((p) => p.id),
          ),
        ),
      )
      .returning({ userId: groupMembers.userId });
    const names = people.filter((p) => removed.some((r) => r.userId === p.id)).map((p) => p.username);
    if (names.length) await writeAudit(tx, by, "group.remove", group.name, { usernames: names });
    return names.sort();
  });
}
