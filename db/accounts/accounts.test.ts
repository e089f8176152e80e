import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDriver, uniqueName } from "@/test/database";
import { setDisabled, setRole, createUserWithOneTimePassword, resetPasswordToOneTime } from "./admin";
import { authenticateApiKey, createApiKey } from "../keys";
import { CLI } from "@/lib/principal";
import { signInFailures, usageStats, users } from "../schema";
import { backoffSeconds, verifyCredentials } from "./sign-in";
import { adminExists, createFirstAdmin } from "./setup";
import { changeOwnPassword, deleteOwnAccount, deleteUsageRange } from "./self-service";
import { ingestUsage } from "../upload";
import { parseReport } from "@/lib/ccusage/parse";
import { dailyReport } from "@/lib/seed/reports";
import { createUser } from "./users";

describeEachDriver("accounts", ({ database }) => {
  const make = async (role: "admin" | "member", password?: string) => {
    const user = await createUser({ username: uniqueName(role), role, password }, CLI);
    return { ...user, name: user.username };
  };

  it("signs in with the right password only; unknown and disabled users look the same", async () => {
    const user = await make("member", "right password 1");
    expect(await verifyCredentials(user.username.toUpperCase(), "right password 1")).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    expect(await verifyCredentials(user.username, "wrong password")).toEqual({ ok: false });
    expect(await verifyCredentials(uniqueName("ghost"), "whatever")).toEqual({ ok: false });
    const admin = await make("admin");
    await setDisabled({ ...admin, role: "admin" }, user.username, true);
    expect(await verifyCredentials(user.username, "right password 1")).toEqual({ ok: false });
  });

  it("backs off after repeated failures for a name, existing or not, and a success resets it", async () => {
    expect([4, 5, 6, 7, 20].map(backoffSeconds)).toEqual([0, 30, 60, 120, 900]);
    const user = await make("member", "right password 2");
    const now = new Date();
    for (let i = 0; i < 5; i++)
      expect(await verifyCredentials(user.username, "nope", now)).toEqual({ ok: false });
    // Locked: even the right password is refused without checking it.
    expect(await verifyCredentials(user.username, "right password 2", now)).toEqual({
      ok: false,
      retryAfterSeconds: 30,
    });
    const later = new Date(now.getTime() + 31_000);
    expect(await verifyCredentials(user.username, "right password 2", later)).toMatchObject({ ok: true });
    expect(
      await database().db.select().from(signInFailures).where(eq(signInFailures.username, user.username)),
    ).toEqual([]);
    const ghost = uniqueName("ghost");
    for (let i = 0; i < 5; i++) await verifyCredentials(ghost, "x", now);
    expect(await verifyCredentials(ghost, "x", now)).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it("counts each attempt before checking it: a parallel burst after the limit checks nothing more", async () => {
    const name = uniqueName("burst");
    for (let i = 0; i < 4; i++) expect(await verifyCredentials(name, "wrong")).toEqual({ ok: false });
    const burst = await Promise.all(Array.from({ length: 40 }, () => verifyCredentials(name, "wrong")));
    // Exactly one more attempt was checked (the fifth); the rest were refused without a look.
    expect(burst.filter((r) => !r.ok && r.retryAfterSeconds === undefined)).toHaveLength(1);
    expect(burst.filter((r) => !r.ok && r.retryAfterSeconds === 30)).toHaveLength(39);
  });

  it("one-time passwords must be changed, and password changes and admin resets end sessions", async () => {
    const admin = { ...(await make("admin")), role: "admin" as const };
    const { user, password } = await createUserWithOneTimePassword(admin, {
      username: uniqueName("new"),
      role: "member",
    });
    const [row] = await database().db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ passwordMustChange: true, sessionVersion: 0 });
    await expect(changeOwnPassword(user, "wrong", "a new password 1")).rejects.toMatchObject({
      code: "invalid",
    });
    await changeOwnPassword(user, password, "a new password 1");
    expect((await database().db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({
      passwordMustChange: false,
      sessionVersion: 1,
    });
    await resetPasswordToOneTime(admin, user.username);
    expect((await database().db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({
      passwordMustChange: true,
      sessionVersion: 2,
    });
  });

  it("members cannot use admin functions; nobody removes the last admin", async () => {
    const member = { ...(await make("member")), role: "member" as const };
    await expect(setRole(member, member.username, "admin")).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createUserWithOneTimePassword(member, { username: uniqueName(), role: "admin" }),
    ).rejects.toMatchObject({ code: "forbidden" });

    await database().db.update(users).set({ role: "member" }).where(eq(users.role, "admin")); // ours are the only admins now
    const admin = { ...(await make("admin")), role: "admin" as const };
    await expect(setRole(admin, admin.username, "member")).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("last admin"),
    });
    await expect(setDisabled(admin, admin.username, true)).rejects.toMatchObject({ code: "conflict" });
    await setRole(admin, member.username, "admin");
    await setRole(admin, admin.username, "member"); // fine now: someone else is an admin
  });

  it("a disabled user's keys stop working", async () => {
    const admin = { ...(await make("admin")), role: "admin" as const };
    const user = await make("member");
    const key = await createApiKey({ userId: user.id, username: user.username, name: "k" }, CLI);
    expect(await authenticateApiKey(key.key)).toBeDefined();
    await setDisabled(admin, user.username, true);
    expect(await authenticateApiKey(key.key)).toBeUndefined();
  });

  it("deleting a date range removes those days from every machine, and only the person's", async () => {
    const [user, other] = [await make("member"), await make("member")];
    const send = (who: typeof user, machine: string) => {
      const json = dailyReport({
        "2005-01-01": { "claude-a": [10, 1] },
        "2005-01-02": { "claude-a": [20, 2] },
        "2005-01-03": { "claude-a": [30, 3] },
      });
      return ingestUsage({
        by: { ...who, role: "member" },
        machine,
        report: parseReport(json),
        mode: "merge",
        dryRun: false,
      });
    };
    await send(user, "laptop");
    await send(user, "desktop");
    await send(other, "laptop");
    expect(await deleteUsageRange(user, "2005-01-02", "2005-01-03")).toBe(2);
    const days = async (id: number) =>
      (
        await database()
          .db.select({ date: usageStats.date, cost: usageStats.cost })
          .from(usageStats)
          .where(eq(usageStats.userId, id))
      ).map((d) => [d.date, Number(d.cost)]);
    expect(await days(user.id)).toEqual([["2005-01-01", 2]]);
    expect((await days(other.id)).length).toBe(3);
  });

  it("deleting your own account needs your password, and takes your data with it", async () => {
    const user = await make("member", "my own password");
    await expect(deleteOwnAccount(user, "wrong one")).rejects.toMatchObject({
      code: "invalid",
    });
    await deleteOwnAccount(user, "my own password");
    expect(await database().db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
  });

  it("first-run setup succeeds once, even when two race", async () => {
    if (database().driver === "postgres") return; // the shared PostgreSQL database already has admins
    // Demoted behind the app's back, which only works because nothing in this file asked adminExists()
    // before: once it has seen an admin on a database it keeps that answer (db/setup.ts).
    await database().db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    expect(await adminExists()).toBe(false);
    const attempts = await Promise.allSettled(
      ["first", "second"].map((n) =>
        createFirstAdmin({ username: uniqueName(n), displayName: n, password: "admin password 1" }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(attempts.find((a) => a.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await adminExists()).toBe(true);
  });
});
