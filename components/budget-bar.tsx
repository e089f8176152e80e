import Link from "next/link";
import { budgetName, budgetPath, monthLabel, reached, type BudgetStatus, wholePercent } from "@/lib/budgets";
import { formatUsd } from "@/lib/format";

// A budget's progress this month: spend so far against the budget, its thresholds as ticks and the
// month-end forecast as a marker. Pages pass a status from db/budgets/status.ts.

export function BudgetBar({
  budget,
  label = budgetName(budget),
  link = false,
  compact = false,
}: {
  budget: BudgetStatus;
  label?: string;
  /** Link the label to the budget's own dashboard view. */
  link?: boolean;
  /** A small row (lists of budgets) rather than a card. */
  compact?: boolean;
}) {
  const { spendUsd, monthlyUsd, thresholds } = budget;
  // The bar spans 100% of the budget, or up to the highest threshold when that is above it.
  const scale = Math.max(100, thresholds.at(-1) ?? 100);
  const at = (p: number) => `${Math.min(p, scale) / (scale / 100)}%`;
  const over = reached(spendUsd, monthlyUsd, 100);
  const warned = thresholds.some((t) => reached(spendUsd, monthlyUsd, t));
  const fill = over ? "bg-red-600" : warned ? "bg-amber-500" : "bg-emerald-600";
  const summary = `${formatUsd(spendUsd)} of ${formatUsd(monthlyUsd)} (${wholePercent(budget.percent)})`;
  return (
    <div
      className={
        compact
          ? "space-y-1"
          : "space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      }
      data-testid={`budget-${budget.scope}${budget.group ? `-${budget.group.name}` : ""}${budget.user ? `-${budget.user.username}` : ""}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium">
          {link ? (
            <Link href={budgetPath(budget)} className="hover:underline">
              {label}
            </Link>
          ) : (
            label
          )}
          <span className="font-normal text-zinc-500 dark:text-zinc-400"> · {monthLabel(budget.month)}</span>
        </span>
        <span className="tabular-nums" data-testid="budget-spend">
          {summary}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label}: ${summary}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(budget.percent))}
        className="relative h-2.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full rounded-full ${fill}`} style={{ width: at(budget.percent) }} />
        {thresholds.map((t) => (
          <span
            key={t}
            title={`${t}%`}
            className="absolute top-0 h-full w-px bg-zinc-500/70"
            style={{ left: at(t) }}
          />
        ))}
        <span
          title={`Forecast ${wholePercent(budget.forecastPercent)}`}
          className="absolute -top-1 h-4.5 w-0.5 bg-zinc-900 dark:bg-zinc-100"
          style={{ left: at(budget.forecastPercent) }}
        />
      </div>
      <div className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="budget-forecast">
        Forecast {formatUsd(budget.forecastUsd)} ({wholePercent(budget.forecastPercent)}) by month-end ·
        alerts at {thresholds.map((t) => `${t}%`).join(", ")}
      </div>
    </div>
  );
}

/**
 * The team's budget as a bar and the groups' budgets as a small list under it (the leaderboard's); a page
 * narrowed to a group (`group`) shows that group's budget as its bar.
 */
export function TeamBudgets({ budgets, group }: { budgets: BudgetStatus[]; group?: number }) {
  const team = budgets.find((b) => (group === undefined ? b.scope === "team" : b.group?.id === group));
  const groups = group === undefined ? budgets.filter((b) => b.scope === "group") : [];
  if (!team && groups.length === 0) return null;
  return (
    <section aria-label="Budgets" className="space-y-3">
      {team && <BudgetBar budget={team} />}
      {groups.length > 0 && (
        <ul className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          {groups.map((b) => (
            <li key={b.id}>
              <BudgetBar budget={b} compact link />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A person's own budget, once its statement answers (the page renders the rest meanwhile); none: nothing. */
export async function PersonBudget({ budgets }: { budgets: Promise<BudgetStatus[]> }) {
  const [budget] = await budgets;
  return budget ? <BudgetBar budget={budget} label="Monthly budget" /> : null;
}
