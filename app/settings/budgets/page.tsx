import type { Metadata } from "next";
import { ActionForm, type Field } from "@/components/action-form";
import { BudgetBar } from "@/components/budget-bar";
import { Section } from "@/components/settings/section";
import { listGroupChoices } from "@/db/budgets/manage";
import { getBudgetStatuses } from "@/db/budgets/status";
import { budgetName, DEFAULT_THRESHOLDS, MAX_THRESHOLDS, type BudgetStatus } from "@/lib/budgets";
import { requireViewer } from "@/server/auth/viewer";
import { removeBudget, saveBudget } from "../budget-actions";

export const metadata: Metadata = { title: "Budgets" };

const amountFields = (budget?: BudgetStatus): Field[] => [
  {
    name: "monthly",
    label: "Monthly budget (USD)",
    defaultValue: budget ? String(budget.monthlyUsd) : "",
    placeholder: "1000",
  },
  {
    name: "thresholds",
    label: "Alert at (% of the budget)",
    defaultValue: (budget?.thresholds ?? DEFAULT_THRESHOLDS).join(","),
    help: `Up to ${MAX_THRESHOLDS} whole percents from 1 to 1000, ascending, e.g. 50,80,100.`,
  },
];

const targetOf = (b: BudgetStatus) => ({
  scope: b.scope,
  target: b.group?.name ?? b.user?.username ?? "",
});

export default async function BudgetsPage() {
  const viewer = await requireViewer("/settings/budgets");
  const admin = viewer.role === "admin";
  const [budgets, groups] = await Promise.all([
    getBudgetStatuses(admin ? {} : { userId: viewer.id }),
    admin ? listGroupChoices() : [],
  ]);
  const own = budgets.find((b) => b.scope === "user" && b.user?.id === viewer.id);
  const team = budgets.find((b) => b.scope === "team");
  return (
    <>
      <h1 className="text-2xl font-semibold">Budgets</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A budget is a monthly amount in USD. Spend is the cost the dashboard shows for this month (in the
        team&apos;s timezone, every provider); the forecast extends this month&apos;s daily rate to its last
        day. When spend reaches a threshold an alert is raised, once per threshold and month, and sent to the
        team&apos;s webhooks; another once the forecast first passes the budget (from the month&apos;s 5th
        day).
      </p>
      <Section
        title="Your budget"
        description="A personal monthly budget for your own usage: only you and admins can change it."
      >
        {own && <BudgetBar budget={own} label="Your budget" />}
        <ActionForm
          testId="own-budget"
          action={saveBudget}
          hidden={{ scope: "user", target: viewer.username }}
          submitLabel={own ? "Change your budget" : "Set your budget"}
          fields={amountFields(own)}
        />
        {own && (
          <ActionForm
            testId="delete-own-budget"
            action={removeBudget}
            hidden={{ scope: "user", target: viewer.username }}
            fields={[]}
            submitLabel="Delete your budget"
            confirmLabel="Delete it"
            danger
          />
        )}
      </Section>
      {admin && (
        <>
          <Section
            title="All budgets"
            description="This month's spend of every budget: the team's, each group's and each person's."
          >
            {budgets.length === 0 && <p className="text-sm text-zinc-500">No budgets yet.</p>}
            <ul className="space-y-4" data-testid="all-budgets">
              {budgets.map((b) => (
                <li key={b.id} className="space-y-2">
                  <BudgetBar budget={b} compact link />
                  <ActionForm
                    testId={`delete-budget-${b.id}`}
                    action={removeBudget}
                    hidden={targetOf(b)}
                    fields={[]}
                    submitLabel={`Delete ${budgetName(b).replace(/^\w/, (c) => c.toLowerCase())}`}
                    confirmLabel="Delete it"
                    danger
                  />
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Team budget" description="For everyone's usage together.">
            <ActionForm
              testId="team-budget"
              action={saveBudget}
              hidden={{ scope: "team" }}
              submitLabel={team ? "Change the team budget" : "Set the team budget"}
              fields={amountFields(team)}
            />
          </Section>
          <Section title="A group's budget" description="For the usage of the group's members together.">
            {groups.length === 0 ? (
              <p className="text-sm text-zinc-500">There are no groups yet.</p>
            ) : (
              <ActionForm
                testId="group-budget"
                action={saveBudget}
                hidden={{ scope: "group" }}
                submitLabel="Set the group's budget"
                fields={[
                  {
                    name: "target",
                    label: "Group",
                    type: "select",
                    defaultValue: groups[0].name,
                    options: groups.map((g) => ({ value: g.name, label: g.displayName })),
                  },
                  ...amountFields(),
                ]}
              />
            )}
          </Section>
          <Section title="A person's budget" description="For one person's usage.">
            <ActionForm
              testId="user-budget"
              action={saveBudget}
              hidden={{ scope: "user" }}
              submitLabel="Set the person's budget"
              fields={[{ name: "target", label: "Username" }, ...amountFields()]}
            />
          </Section>
        </>
      )}
    </>
  );
}
