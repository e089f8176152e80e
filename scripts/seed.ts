// Fills a database with a generated team so the dashboard can be seen and benchmarked.
import { parseArgs } from "node:util";
import { count, eq } from "drizzle-orm";
import { closeDatabase, getDb } from "@/db";
import { CLI } from "@/lib/principal";
import { ingestUsage } from "@/db/upload";
import { users, usageStats } from "@/db/schema";
import { createUser } from "@/db/accounts/users";
import { parseReport } from "@/lib/ccusage/parse";
import { todayIn } from "@/lib/period";
import { generateTeam } from "@/lib/seed/generator";
import { commandLine, HELP_OPTION } from "./command-line";

const USAGE = `Usage: npm run seed -- [options]

Fills the database with a generated team (people, machines, models, daily usage) to look around with.
Uses DATABASE_URL / DATA_DIR like the server: on the embedded database, stop the server first.

  --people <n>        people to generate (default 12)
  --days <n>          days of history up to --end (default 180, at most 5000)
  --end <YYYY-MM-DD>  last day (default today, UTC)
  --seed <n>          random seed: the same seed makes the same team (default 42)
  --full              every person uses every model on two machines every day (the benchmark's shape)
  --force             add the team even if the database already holds usage
  -h, --help          this text`;

const { values } = commandLine(USAGE, () =>
  parseArgs({
    options: {
      people: { type: "string", default: "12" },
      days: { type: "string", default: "180" },
      end: { type: "string" },
      seed: { type: "string", default: "42" },
      full: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      ...HELP_OPTION,
    },
  }),
);

async function main() {
  const people = Number(values.people);
  const days = Number(values.days);
  if (!Number.isInteger(people) || people < 1 || !Number.isInteger(days) || days < 1 || days > 5000) {
    throw new Error("--people and --days must be positive whole numbers (days at most 5000).");
  }
  const db = await getDb();
  const [[{ n: existingUsers }], [{ n: existingDays }]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(usageStats),
  ]);
  if (existingDays > 0 && !values.force) {
    throw new Error(
      `The database already holds ${existingUsers} users and ${existingDays} person-days of usage. Pass --force to add a generated team anyway.`,
    );
  }
  const started = Date.now();
  let uploads = 0;
  for (const person of generateTeam({
    people,
    days,
    endDate: values.end ?? todayIn("UTC"),
    seed: Number(values.seed),
    full: values.full,
  })) {
    const [existing] = await db
      .select({ id: users.id, username: users.username, role: users.role })
      .from(users)
      .where(eq(users.username, person.username));
    const user =
      existing ??
      (await createUser({ username: person.username, displayName: person.displayName, role: "member" }, CLI));
    for (const upload of person.uploads) {
      const report = parseReport(upload.report);
      // The generated report is not kept: it can be generated again from the seed.
      await ingestUsage({
        by: user,
        machine: upload.machine,
        report,
        keepReport: false,
        mode: "merge",
        dryRun: false,
      });
      uploads++;
    }
  }
  console.log(
    `Seeded ${people} people, ${days} days, ${uploads} uploads in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main()
  .catch((error) => {
    console.error(`Error: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
