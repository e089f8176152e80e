// One "server" of the budget race (db/budgets/budgets.test.ts): its own process and connection pool on
// DATABASE_URL, uploading each person's day and checking the budgets right after each commit, as the
// upload route does. Prints the alerts it raised, as JSON, on its last line.
//   tsx test/budget-racer.ts '{"now":"…","uploads":[{"id":1,"username":"a","date":"…","cost":10}]}'
import { closeDatabase, setDatabase } from "@/db";
import { checkBudgets, type RaisedAlert } from "@/db/budgets/check";
import { openDatabase } from "@/db/client";
import { ingestUsage } from "@/db/upload";
import { parseReport } from "@/lib/ccusage/parse";
import { dailyReport } from "@/lib/seed/reports";

const { now, uploads } = JSON.parse(process.argv[2]) as {
  now: string;
  uploads: { id: number; username: string; date: string; cost: number }[];
};
setDatabase(await openDatabase());
const raised: RaisedAlert[] = [];
for (const u of uploads) {
  await ingestUsage({
    by: { id: u.id, username: u.username, role: "member" },
    machine: `racer-${process.pid}`,
    report: parseReport(dailyReport({ [u.date]: { "claude-sonnet-4-5": [1000, u.cost] } })),
    mode: "merge",
    dryRun: false,
  });
  raised.push(...(await checkBudgets({ now: new Date(now) })));
}
await closeDatabase();
console.log(JSON.stringify(raised));
