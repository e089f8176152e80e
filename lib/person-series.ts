import type { PersonUsage } from "@/db/stats/person";
import { fillDaily } from "@/db/stats/series";
import type { Period } from "./period";

export const TOKEN_TYPES = {
  inputTokens: "Input",
  outputTokens: "Output",
  cacheCreationTokens: "Cache write",
  cacheReadTokens: "Cache read",
} as const;

/** A person's charts, gap-filled: cost stacked by their top models, and tokens stacked by type. */
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
