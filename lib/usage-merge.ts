import type { ModelDay } from "./ccusage/parse";
import { TOKEN_FIELDS, type TokenField } from "./usage";

// What an upload does to one machine's day. Claude Code prunes old transcripts, so re-running ccusage
// later reports LOWER figures for past days: those must not erase what was stored, unless the uploader
// explicitly asks to replace (to correct bad data).

export type DayResult = "inserted" | "updated" | "unchanged" | "kept-higher";
export type UploadMode = "merge" | "replace";

/** A day's usage with its cost exact: USD scaled by 1e10 (lib/money). */
export type Totals = Record<TokenField, number> & { totalTokens: number; cost: bigint };

export function totalsOf(models: readonly ModelDay[]): Totals {
  const t: Totals = {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    totalTokens: 0,
    cost: 0n,
  };
  for (const m of models) {
    for (const field of TOKEN_FIELDS) t[field] += m[field];
    t.cost += m.cost;
  }
  t.totalTokens = TOKEN_FIELDS.reduce((sum, field) => sum + t[field], 0);
  return t;
}

const key = (m: ModelDay) => [m.model, ...TOKEN_FIELDS.map((f) => m[f]), m.cost].join("\u0000");

function sameContent(a: readonly ModelDay[], b: readonly ModelDay[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** -1, 0 or 1: a day is "higher" with more tokens, or as many tokens and a higher cost (e.g. newly priced). */
function compare(a: Totals, b: Totals): number {
  if (a.totalTokens !== b.totalTokens) return a.totalTokens > b.totalTokens ? 1 : -1;
  if (a.cost !== b.cost) return a.cost > b.cost ? 1 : -1;
  return 0;
}

/** Decides one machine-day: `write` says whether the incoming models replace the stored ones. */
export function decideDay(
  incoming: readonly ModelDay[],
  stored: readonly ModelDay[] | undefined,
  mode: UploadMode,
): { result: DayResult; write: boolean } {
  if (!stored || stored.length === 0) {
    return incoming.length === 0
      ? { result: "unchanged", write: false }
      : { result: "inserted", write: true };
  }
  if (sameContent(incoming, stored)) return { result: "unchanged", write: false };
  if (mode === "replace") return { result: "updated", write: true };
  // Equal totals with different content (a model renamed, say): the newer report wins.
  return compare(totalsOf(incoming), totalsOf(stored)) >= 0
    ? { result: "updated", write: true }
    : { result: "kept-higher", write: false };
}
