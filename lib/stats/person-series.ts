import type { PersonCalendar, PersonUsage } from "@/lib/stats/types";
import { fillDaily } from "@/lib/stats/series";
import { eachDay } from "../dates";
import type { Period } from "../period";

export const TOKEN_TYPES = {
  inputTokens: "Input",
  outputTokens: "Output",
  cacheCreationTokens: "Cache write",
  cacheReadTokens: "Cache read",
} as const;

/** A person's charts, gap-filled: cost stacked by their top models, tokens stacked by type. */
export function personSeries(usage: PersonUsage, period: Period, topModels = 8) {
  const top = new Set(usage.models.slice(0, topModels).map((m) => m.model));
  const modelKeys = [...top, ...(usage.models.length > topModels ? ["Other"] : [])];
  const cost = fillDaily(
    period.from,
    period.to,
    modelKeys,
    usage.days.flatMap((d) =>
      d.models.map((m) => ({ date: d.date, key: top.has(m.model) ? m.model : "Other", value: m.cost })),
    ),
  );
  const tokenKeys = Object.keys(TOKEN_TYPES) as (keyof typeof TOKEN_TYPES)[];
  const tokens = fillDaily(
    period.from,
    period.to,
    tokenKeys,
    usage.days.flatMap((d) => tokenKeys.map((key) => ({ date: d.date, key, value: d[key] }))),
  );
  return {
    cost: { keys: modelKeys, points: cost },
    tokens: { keys: tokenKeys as string[], points: tokens, labels: TOKEN_TYPES as Record<string, string> },
  };
}

/** The activity calendar's cost per day, one number for each day from `from` to `to`. */
export function calendarCosts({ from, to, days }: PersonCalendar) {
  const cost = new Map(days.map((d) => [d.date, d.cost]));
  return { from, to, costs: eachDay(from, to).map((date) => cost.get(date) ?? 0) };
}

// Long periods list only the latest days: a year of rows is megabytes of HTML; the CSV has every day.
const MAX_DAY_ROWS = 62;

/** The daily table's rows: the latest days first, each with its model count instead of its models. */
export function latestDays(usage: PersonUsage, max = MAX_DAY_ROWS) {
  return usage.days
    .slice(-max)
    .reverse()
    .map(({ models, ...day }) => ({ ...day, models: models.length }));
}
