import { eq, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { writeAudit } from "../audit";
import { getDb, type Db } from "../index";
import { users } from "../schema";
import { publicUserColumns } from "./users";

const SETUP_LOCK = 7273;

// Setup goes one way: the last admin can never be deleted, demoted or disabled (assertNotLastAdmin), so
// once a database has an admin that is kept, per database (tests open several), and the pages that ask
// on every view stop paying a round trip for it. A database emptied or restored behind the running
// server's back needs a restart to offer setup again (until then /setup sends people to sign in).
const hasAdmin = new WeakSet<Db>();

export async function adminExists(): Promise<boolean> {
  const db = await getDb();
  if (hasAdmin.has(db)) return true;
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (row) hasAdmin.add(db);
  return !!row;
}

/** First run only: creates the first admin. Two simultaneous attempts cannot both succeed. */
export async function createFirstAdmin(input: { username: string; displayName: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
      const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
      if (admin) throw new AppError("conflict", "Setup is already done: an admin exists. Sign in instead.");
      const [user] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName || input.username,
          role: "admin",
          passwordHash,
        })
        .returning(publicUserColumns);
      await writeAudit(tx, user, "setup.admin_created", user.username);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `The username "${input.username}" is taken.`, { field: "username" });
    throw error;
  }
}
