import { modelName } from "@/lib/prices/catalog";
import type { Provider } from "@/lib/provider";
import { costSource, type UsageTotals } from "@/lib/usage";
import type { ModelTotals } from "./types";

/** A model's totals as every view shows them: with its readable name and where its cost came from. */
export function modelTotals(model: string, provider: Provider, totals: UsageTotals): ModelTotals {
  return { model, name: modelName(model), provider, ...totals, costSource: costSource(totals) };
}

/** Readable names for chart keys that are model ids ("Other" stays as it is). */
export function modelLabels(models: Iterable<string>): Record<string, string> {
  return Object.fromEntries([...models].map((m) => [m, modelName(m)]));
}
