"use server";

import { z } from "zod";
import { deleteBudget, setBudget, type BudgetTarget } from "@/db/budgets/manage";
import { BUDGET_SCOPES, monthlyUsdSchema, thresholdsSchema } from "@/lib/budgets";
import { AppError } from "@/lib/errors";
import { formatUsd } from "@/lib/format";
import { action } from "@/server/action";
import { checkBudgetsAfterResponse } from "@/server/budget-checks";

// Budgets: members may act on their own personal budget only, admins on any; setBudget and deleteBudget
// check that themselves, so the same actions serve both forms of Settings → Budgets.

const target = z.object({
  scope: z.enum(BUDGET_SCOPES, 'must be "team", "group" or "user"'),
  // The group's name or the person's username; ignored for the team.
  target: z.string().trim().toLowerCase().max(50, "must be at most 50 characters").default(""),
});

function targetOf(input: z.infer<typeof target>): BudgetTarget {
  if (input.scope === "team") return { scope: "team" };
  if (!input.target)
    throw new AppError("invalid", `Choose a ${input.scope === "group" ? "group" : "person"}.`, {
      field: "target",
    });
  return input.scope === "group"
    ? { scope: "group", group: input.target }
    : { scope: "user", username: input.target };
}

const whose = (t: BudgetTarget) =>
  t.scope === "team" ? "The team's" : t.scope === "group" ? `The group ${t.group}'s` : `${t.username}'s`;

export const saveBudget = action(
  "member",
  target.extend({ monthly: monthlyUsdSchema, thresholds: thresholdsSchema }),
  async (input, { viewer }) => {
    const budget = targetOf(input);
    await setBudget(viewer, budget, { monthlyUsd: input.monthly, thresholds: input.thresholds });
    checkBudgetsAfterResponse(); // a lower budget may be crossed already
    return {
      message: `${whose(budget)} budget is ${formatUsd(input.monthly)} a month, alerts at ${input.thresholds.join(", ")}%.`,
    };
  },
);

export const removeBudget = action("member", target, async (input, { viewer }) => {
  const budget = targetOf(input);
  await deleteBudget(viewer, budget);
  return { message: `${whose(budget)} budget is deleted.` };
});
