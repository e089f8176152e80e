import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDriver, uniqueName } from "@/test/database";
import { CLI } from "@/lib/principal";
import { createApiKey } from "../keys";
import { apiKeys, auditLog, users } from "../schema";
import { createUser, deleteUser, findUser, listUsers, setPassword } from "./users";
import { verifyPassword } from "@/lib/password";

describeEachDriver("users", ({ database }) => {
  it("creates users without ever returning the password hash, and audits it", async () => {
    const username = uniqueName();
    const user = await createUser({ username, role: "member", password: "a long password" }, CLI);
    expect(user).toMatchObject({ username, displayName: username, role: "member" });
    expect(Object.keys(user)).not.toContain("passwordHash");
    expect((await listUsers(CLI)).find((u) => u.username === username)).toMatchObject({
      canSignIn: true,
      activeKeys: 0,
    });

    const [stored] = await database().db.select().from(users).where(eq(users.username, username));
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("a long password", stored.passwordHash)).toBe(true);

    const audit = await database().db.select().from(auditLog).where(eq(auditLog.target, username));
    expect(audit).toMatchObject([{ actorName: "cli", action: "user.create" }]);
  });

  it("refuses a duplicate username with a conflict", async () => {
    const username = uniqueName();
    await createUser({ username, role: "member" }, CLI);
    await expect(createUser({ username, role: "admin" }, CLI)).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
  });

  it("enforces the username format in the database too", async () => {
    await expect(
      database().db.insert(users).values({ username: "Bad Name", displayName: "x" }),
    ).rejects.toThrow();
  });

  it("resets a password", async () => {
    const username = uniqueName();
    await createUser({ username, role: "member" }, CLI);
    await setPassword(username, "another long password", CLI);
    const [stored] = await database().db.select().from(users).where(eq(users.username, username));
    expect(await verifyPassword("another long password", stored.passwordHash)).toBe(true);
    await expect(setPassword(uniqueName(), "whatever password", CLI)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("deletes a user with their keys, but never the last admin", async () => {
    const member = await createUser({ username: uniqueName(), role: "member" }, CLI);
    await createApiKey({ userId: member.id, username: member.username, name: "laptop" }, CLI);
    await deleteUser(member.username, CLI);
    expect(await findUser(member.username)).toBeUndefined();
    expect(await database().db.select().from(apiKeys).where(eq(apiKeys.userId, member.id))).toEqual([]);

    // The shared PostgreSQL run database may hold other files' admins: make ours the only ones.
    await database().db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    const a = await createUser({ username: uniqueName("admin"), role: "admin" }, CLI);
    const b = await createUser({ username: uniqueName("admin"), role: "admin" }, CLI);
    const results = await Promise.allSettled([deleteUser(a.username, CLI), deleteUser(b.username, CLI)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "conflict", message: expect.stringContaining("last admin") },
    });
  });
});
