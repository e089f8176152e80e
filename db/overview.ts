import { count, eq } from "drizzle-orm";
import { getDb } from "./index";
import { usageStats, users } from "./schema";

/** What the first-run page needs to know: is there an admin yet, and is there any usage. */
export async function getSetupState() {
  const db = await getDb();
  const [[people], [admins], [days]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(users).where(eq(users.role, "admin")),
    db.select({ n: count() }).from(usageStats),
  ]);
  return { users: people.n, admins: admins.n, usageDays: days.n };
}
