import type { PersonCalendar, PersonUsage } from "@/lib/stats/types";
import { fillDaily, stackDaily, stackKeys } from "@/lib/stats/series";
import { TOKEN_FIELDS, TOKEN_LABELS } from "@/lib/usage";
import { eachDay } from "../dates";
import type { Period } from "../period";

/** A person's charts, gap-filled: cost stacked by their top models, tokens stacked by type. */
export function personSeries(usage: PersonUsage, period: Period, { withoutCacheReads = false } = {}) {
  const tokenKeys = TOKEN_FIELDS.filter((f) => !withoutCacheReads || f !== "cacheReadTokens");
  // usage.models is ordered by cost already.
  const modelKeys = stackKeys(usage.models.map((m) => m.model));
  const cost = stackDaily(
    period.from,
    period.to,
    modelKeys,
    usage.days.flatMap((d) => d.models.map((m) => ({ date: d.date, key: m.model, value: m.cost }))),
  );
  const tokens = fillDaily(
    period.from,
    period.to,
    tokenKeys,
    usage.days.flatMap((d) => tokenKeys.map((key) => ({ date: d.date, key, value: d[key] }))),
  );
  return {
    cost: {
      keys: modelKeys,
      points: cost,
      labels: Object.fromEntries(usage.models.map((m) => [m.model, m.name])),
    },
    tokens: {
      keys: tokenKeys as string[],
      points: tokens,
      labels: TOKEN_LABELS as Record<string, string>,
    },
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
