import fs from "node:fs";
import { createApiKey, revokeApiKey } from "@/db/keys";
import { CLI } from "@/lib/principal";
import { closeDatabase, getDatabase } from "@/db";
import { createUser } from "@/db/accounts/users";
import { accountsFile, MEMBER_POOL, type Accounts, type Member } from "./accounts";

/** Creates the test accounts in the database the environment names, and writes them for the tests. */
export async function bootstrapAccounts(driver: string) {
  await getDatabase();
  const keyFor = async (user: { id: number; username: string }, name = "e2e", expiresAt?: Date) =>
    createApiKey({ userId: user.id, username: user.username, name, expiresAt }, CLI);

  const password = "e2e admin password";
  const admin = await createUser(
    { username: "admin", displayName: "Ada Admin", role: "admin", password },
    CLI,
  );
  const members: Member[] = [];
  for (let i = 0; i < MEMBER_POOL; i++) {
    const user = await createUser(
      { username: `member-${i}`, displayName: `Member ${i}`, role: "member" },
      CLI,
    );
    members.push({ username: user.username, key: (await keyFor(user)).key });
  }
  const signers = [];
  for (const name of ["mia", "noah"]) {
    const user = await createUser(
      {
        username: `signer-${name}`,
        displayName: name === "mia" ? "Mia" : "Noah",
        role: "member",
        password: `${name} password 123`,
      },
      CLI,
    );
    signers.push({
      username: user.username,
      password: `${name} password 123`,
      key: (await keyFor(user)).key,
    });
  }
  const revoked = await keyFor(admin, "revoked");
  await revokeApiKey(String(revoked.id), CLI);
  const expired = await keyFor(admin, "expired", new Date(Date.now() - 60_000));

  const result: Accounts = {
    admin: { username: admin.username, password, key: (await keyFor(admin)).key },
    signers,
    members,
    revokedKey: revoked.key,
    expiredKey: expired.key,
  };
  fs.writeFileSync(accountsFile(driver), JSON.stringify(result));
  await closeDatabase();
}
