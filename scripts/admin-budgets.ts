// The admin tool's budget commands (scripts/admin.ts parses the options and reports errors).
import { z } from "zod";
import { checkBudgets } from "@/db/budgets/check";
import { deleteBudget, setBudget, type BudgetTarget } from "@/db/budgets/manage";
import { getBudgetStatuses } from "@/db/budgets/status";
import { budgetName, monthlyUsdSchema, thresholdsSchema } from "@/lib/budgets";
import { formatUsd } from "@/lib/format";
import { CLI } from "@/lib/principal";
import { usernameSchema } from "@/lib/username";

type Options = { team?: boolean; group?: string; user?: string; monthly?: string; thresholds?: string };
type UsageErrorClass = new (message: string) => Error;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string, UsageError: UsageErrorClass): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`Invalid ${what}: ${result.error.issues[0].message}.`);
  return result.data;
}

/** Exactly one of --team, --group <name>, --user <username>. */
export function budgetTarget(values: Options, UsageError: UsageErrorClass): BudgetTarget {
  const given = [values.team, values.group, values.user].filter((v) => v !== undefined && v !== false);
  if (given.length !== 1)
    throw new UsageError("Name exactly one of --team, --group <name>, --user <username>.");
  if (values.group !== undefined) return { scope: "group", group: values.group.trim().toLowerCase() };
  if (values.user !== undefined)
    return { scope: "user", username: parse(usernameSchema, values.user, "--user", UsageError) };
  return { scope: "team" };
}

const describe = (t: BudgetTarget) =>
  t.scope === "team" ? "The team" : t.scope === "group" ? `The group ${t.group}` : t.username;

/** `budget set`: sets the budget, then raises what it calls for at once (the server may not be running). */
export async function setBudgetFromCli(target: BudgetTarget, values: Options, UsageError: UsageErrorClass) {
  if (values.monthly === undefined) throw new UsageError("--monthly <usd> is required.");
  const monthlyUsd = parse(monthlyUsdSchema, values.monthly, "--monthly", UsageError);
  const thresholds = parse(thresholdsSchema, values.thresholds, "--thresholds", UsageError);
  const { created } = await setBudget(CLI, target, { monthlyUsd, thresholds });
  console.log(
    `${describe(target)}: ${created ? "budget set to" : "budget changed to"} ${formatUsd(monthlyUsd)} a month, alerts at ${thresholds.join(", ")}%.`,
  );
  const raised = await checkBudgets();
  if (raised.length) console.log(`Raised ${raised.length === 1 ? "1 alert" : `${raised.length} alerts`}.`);
}

export async function deleteBudgetFromCli(target: BudgetTarget) {
  await deleteBudget(CLI, target);
  console.log(`${describe(target)}: budget deleted.`);
}

/** `budget list`: every budget with this month's figures. */
export async function printBudgets(table: (rows: Record<string, unknown>[]) => void) {
  const budgets = await getBudgetStatuses();
  table(
    budgets.map((b) => ({
      scope: b.scope,
      target: b.group?.name ?? b.user?.username ?? "team",
      name: budgetName(b),
      monthly: b.monthlyUsd.toFixed(2),
      thresholds: b.thresholds.join(","),
      month: b.month,
      spend: b.spendUsd.toFixed(2),
      percent: `${Math.floor(b.percent)}%`,
      forecast: b.forecastUsd.toFixed(2),
      alerts:
        [...b.raised.thresholds.map((t) => `${t}%`), ...(b.raised.forecast ? ["forecast"] : [])].join(",") ||
        "-",
    })),
  );
}
