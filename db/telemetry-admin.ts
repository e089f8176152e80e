import { desc, eq, gte, sql } from "drizzle-orm";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { requireAdmin, type Principal } from "@/lib/principal";
import { writeAudit } from "./audit";
import { getDb } from "./index";
import { telemetryEvents, telemetryHeldActivity, telemetryReceipts, users } from "./schema";
import { selectRows } from "./sql";
import { claimHeldTelemetry } from "./telemetry";

// What admins see of telemetry: what arrived and was refused, what waits for an owner, which Claude Code
// versions are in use, and where uploads and telemetry differ for the same person-day.

/** Records received, counted and refused per day and sender, newest first. */
export async function listReceipts(by: Principal, since: string) {
  requireAdmin(by);
  const db = await getDb();
  return db
    .select()
    .from(telemetryReceipts)
    .where(gte(telemetryReceipts.date, since))
    .orderBy(desc(telemetryReceipts.date), telemetryReceipts.sender, telemetryReceipts.signal);
}

/** Emails a team key sent telemetry for that no user has: what waits for each, and since when. */
export async function listHeld(by: Principal) {
  requireAdmin(by);
  const db = await getDb();
  return selectRows(
    db,
    { email: "text", requests: "number", cost: "number", first: "text", last: "text", activity: "number" },
    sql`select coalesce(e.email, h.email) as email, coalesce(e.requests, 0) as requests, coalesce(e.cost, 0) as cost,
          coalesce(e.first, h.first) as first, coalesce(e.last, h.last) as last, coalesce(h.n, 0) as activity
        from (select email, count(*) requests, sum(cost) cost, min(date)::text first, max(date)::text last
              from ${telemetryEvents} where user_id is null group by email) e
        full join (select email, count(*) n, min(date)::text first, max(date)::text last
              from ${telemetryHeldActivity} group by email) h on h.email = e.email
        order by 1`,
  );
}

/** Claude Code versions that sent api_request events since `since`: people and requests per version. */
export async function versionsSeen(by: Principal, since: string) {
  requireAdmin(by);
  const db = await getDb();
  return selectRows(
    db,
    { version: "text", people: "number", requests: "number", last: "text" },
    sql`select coalesce(version, 'unknown') as version, count(distinct user_id) as people, count(*) as requests,
          max(time)::text as last
        from ${telemetryEvents} where date >= ${since}
        group by 1 order by 1 desc`,
  );
}

/**
 * Person-days that both telemetry and uploads report: telemetry is what counts, and the difference is
 * what telemetry saw that the transcripts did not (or the reverse), by tokens and cost.
 */
export async function sourceDifferences(by: Principal, since: string, limit = 200) {
  requireAdmin(by);
  const db = await getDb();
  return selectRows(
    db,
    {
      username: "text",
      date: "text",
      telemetry_tokens: "number",
      upload_tokens: "number",
      telemetry_cost: "number",
      upload_cost: "number",
    },
    sql`select u.username, t.date::text as date, t.tokens as telemetry_tokens, m.tokens as upload_tokens,
          t.cost as telemetry_cost, m.cost as upload_cost
        from (select user_id, date, sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) tokens,
                sum(cost) cost from telemetry_usage where date >= ${since} group by 1, 2) t
        join (select user_id, date, sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) tokens,
                sum(cost) cost from machine_usage where date >= ${since} group by 1, 2) m
          on m.user_id = t.user_id and m.date = t.date
        join ${users} u on u.id = t.user_id
        order by t.date desc, u.username limit ${limit}`,
  );
}

/**
 * Links an email a team key sent telemetry for to a user (who gets that email), and counts what waited
 * for it as theirs. Admins only; an email another user has is refused.
 */
export async function linkTelemetryEmail(by: Principal, email: string, username: string) {
  requireAdmin(by);
  const address = email.trim().toLowerCase();
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, username: users.username, role: users.role, email: users.email })
        .from(users)
        .where(eq(users.username, username));
      if (!user) throw new AppError("not_found", `No user named "${username}".`, { field: "username" });
      if (user.email && user.email.toLowerCase() !== address) {
        throw new AppError(
          "conflict",
          `${username} has the email ${user.email} already: change it first, or link another user.`,
          { field: "username" },
        );
      }
      await tx.update(users).set({ email: address }).where(eq(users.id, user.id));
      const claimed = await claimHeldTelemetry(tx, user, address);
      await writeAudit(tx, by, "telemetry.link", user.username, { email: address, ...claimed });
      return claimed;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `Another user has the email ${address}.`);
    throw error;
  }
}
