import { z } from "zod";
import { addDays, daysBetween } from "./dates";
import { formatUsd } from "./format";

// Monthly budgets: what may be set (validated the same way by the settings page and the admin tool),
// the month they count, the forecast, and the words an alert says.

export const BUDGET_SCOPES = ["team", "group", "user"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

export const DEFAULT_THRESHOLDS = [50, 80, 100];
export const MAX_THRESHOLDS = 10;
/** A typo guard, far above any team's monthly spend (the column holds up to $1e12). */
export const MAX_MONTHLY_USD = 100_000_000;
/** Forecast alerts wait for this many days of the month: a run rate of a day or two is mostly noise. */
export const FORECAST_ALERT_FROM_DAY = 5;

/** USD per month as typed ("1000", "1250.50", "$1,000"): more than 0, at most MAX_MONTHLY_USD, in cents. */
export const monthlyUsdSchema = z
  .union([z.number(), z.string()], "must be an amount in USD, e.g. 1000 or 1250.50")
  .transform((value, ctx) => {
    const text = String(value).trim().replace(/^\$/, "").replaceAll(",", "");
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({
        code: "custom",
        message: "must be an amount in USD, e.g. 1000 or 1250.50 (cents at most)",
      });
      return z.NEVER;
    }
    const usd = Number(text);
    if (usd <= 0) ctx.addIssue({ code: "custom", message: "must be more than $0" });
    else if (usd > MAX_MONTHLY_USD)
      ctx.addIssue({ code: "custom", message: `must be at most ${formatUsd(MAX_MONTHLY_USD)} a month` });
    return usd;
  });

/**
 * Alert thresholds in percent of the budget, as a list ("50,80,100") or an array: whole numbers from 1
 * to 1000, ascending without repeats, at most MAX_THRESHOLDS. Empty means the default 50, 80, 100.
 */
export const thresholdsSchema = z
  .union([z.array(z.number()), z.string()], "must be a list of percents, e.g. 50,80,100")
  .optional()
  .transform((value, ctx) => {
    const items =
      typeof value === "string" ? value.split(/[,\s]+/).filter(Boolean) : (value ?? []).map(String);
    if (items.length === 0) return DEFAULT_THRESHOLDS;
    const numbers = items.map((t) => (/^\d+%?$/.test(t) ? parseInt(t, 10) : NaN));
    if (numbers.some((n) => !(n >= 1 && n <= 1000))) {
      ctx.addIssue({ code: "custom", message: "must be whole percents from 1 to 1000, e.g. 50,80,100" });
      return z.NEVER;
    }
    if (numbers.length > MAX_THRESHOLDS) {
      ctx.addIssue({ code: "custom", message: `must be at most ${MAX_THRESHOLDS} thresholds` });
      return z.NEVER;
    }
    if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) {
      ctx.addIssue({ code: "custom", message: "must be in ascending order without repeats, e.g. 50,80,100" });
      return z.NEVER;
    }
    return numbers;
  });

/** The month of `today` (YYYY-MM-DD): its first and last day, days so far (today included) and in all. */
export function monthOf(today: string) {
  const first = `${today.slice(0, 7)}-01`;
  const nextMonth = new Date(`${first}T00:00:00Z`);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const last = addDays(nextMonth.toISOString().slice(0, 10), -1);
  return {
    month: today.slice(0, 7),
    first,
    last,
    elapsed: daysBetween(first, today),
    days: daysBetween(first, last),
  };
}

/** "December 2026" for "2026-12". */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Month-end spend at the month's run rate so far: spend / days elapsed (today included) × days in the month. */
export function forecastSpend(spendUsd: number, month: { elapsed: number; days: number }): number {
  return (spendUsd / month.elapsed) * month.days;
}

/** Percent of the budget, unrounded. */
export const percentOf = (usd: number, budgetUsd: number) => (usd / budgetUsd) * 100;

/** Whether spend has reached `threshold` percent of the budget, exact to the cent. */
export const reached = (usd: number, budgetUsd: number, threshold: number) =>
  Math.round(usd * 100) * 100 >= Math.round(budgetUsd * 100) * threshold;

/** A budget's status this month, as pages, the JSON API and alerts show it. */
export interface BudgetStatus {
  id: number;
  scope: BudgetScope;
  group: { id: number; name: string; displayName: string } | null;
  user: { id: number; username: string; displayName: string; hidden: boolean } | null;
  monthlyUsd: number;
  thresholds: number[];
  month: string;
  today: string;
  spendUsd: number;
  percent: number;
  forecastUsd: number;
  forecastPercent: number;
  /** This month's alerts already raised: the thresholds, and whether the forecast one was. */
  raised: { thresholds: number[]; forecast: boolean };
}

/** "Team budget", "Group Platform budget", "Alice Smith's budget". */
export function budgetName(b: Pick<BudgetStatus, "scope" | "group" | "user">): string {
  if (b.scope === "group") return `Group ${b.group!.displayName} budget`;
  if (b.scope === "user") return `${b.user!.displayName}'s budget`;
  return "Team budget";
}

/** Where the budget's spend is on the dashboard, this month. */
export function budgetPath(b: Pick<BudgetStatus, "scope" | "group" | "user">): string {
  if (b.scope === "group") return `/?range=this-month&group=${encodeURIComponent(b.group!.name)}`;
  if (b.scope === "user") return `/users/${encodeURIComponent(b.user!.username)}?range=this-month`;
  return "/?range=this-month";
}

export const wholePercent = (p: number) => `${Math.floor(p)}%`;

/** What an alert carries: title and text for chat webhooks, and the figures for JSON ones. */
export function alertPayload(b: BudgetStatus, kind: "threshold" | "forecast", threshold: number) {
  const name = budgetName(b);
  const title =
    kind === "threshold"
      ? `${name}: ${threshold}% reached`
      : `${name}: forecast over budget (${wholePercent(b.forecastPercent)})`;
  const text =
    `${name}: ${formatUsd(b.spendUsd)} of ${formatUsd(b.monthlyUsd)} (${wholePercent(b.percent)}) spent in ` +
    `${monthLabel(b.month)}; forecast ${formatUsd(b.forecastUsd)}.`;
  return {
    title,
    text,
    kind,
    budgetId: b.id,
    scope: b.scope,
    name,
    group: b.group?.name ?? null,
    user: b.user?.username ?? null,
    month: b.month,
    threshold: kind === "threshold" ? threshold : null,
    spendUsd: round2(b.spendUsd),
    budgetUsd: b.monthlyUsd,
    percent: round2(b.percent),
    forecastUsd: round2(b.forecastUsd),
    forecastPercent: round2(b.forecastPercent),
    path: budgetPath(b),
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
