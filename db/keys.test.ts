import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDriver, uniqueName } from "@/test/database";
import { hashApiKey } from "@/lib/keys";
import { CLI } from "@/lib/principal";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "./keys";
import { apiKeys } from "./schema";
import { createUser } from "./accounts/users";

describeEachDriver("API keys", ({ database }) => {
  async function member() {
    return createUser({ username: uniqueName(), role: "member" }, CLI);
  }

  it("stores only the hash and hint, and authenticates the owner", async () => {
    const user = await member();
    const created = await createApiKey({ userId: user.id, username: user.username, name: "laptop" }, CLI);
    const [row] = await database().db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(4));
    expect(row.lastUsedAt).toBeNull();

    expect(await authenticateApiKey(created.key)).toMatchObject({
      id: user.id,
      username: user.username,
      role: "member",
    });
    const [used] = await database().db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    const listed = await listApiKeys(CLI, { userId: user.id });
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0])).not.toContain("keyHash");
  });

  it("rejects unknown, malformed, revoked and expired keys", async () => {
    const user = await member();
    const key = await createApiKey({ userId: user.id, username: user.username, name: "a" }, CLI);
    expect(
      await authenticateApiKey(key.key.slice(0, -1) + (key.key.endsWith("A") ? "B" : "A")),
    ).toBeUndefined();
    expect(await authenticateApiKey("not a key")).toBeUndefined();

    await revokeApiKey(String(key.id), CLI);
    expect(await authenticateApiKey(key.key)).toBeUndefined();

    const expired = await createApiKey(
      { userId: user.id, username: user.username, name: "old", expiresAt: new Date(Date.now() - 1000) },
      CLI,
    );
    expect(await authenticateApiKey(expired.key)).toBeUndefined();
  });

  it("revokes by hint, and refuses an unknown one", async () => {
    const user = await member();
    const key = await createApiKey({ userId: user.id, username: user.username, name: "b" }, CLI);
    // Hints can collide across the shared database; restrict to this user as the settings pages will.
    expect(await revokeApiKey(key.hint, CLI, { userId: user.id })).toMatchObject({ id: key.id });
    await expect(revokeApiKey("ccs_…zzzz", CLI, { userId: user.id })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
