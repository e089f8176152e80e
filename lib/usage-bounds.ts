import { TOKEN_FIELDS, USAGE_FIELD_INFO, type TokenField, type UsageField } from "./usage";

// What one person may report for one day, summed over all their machines. Far beyond real use (the
// heaviest Claude Code users log a few billion tokens and a few thousand dollars a day), and small enough
// that every sum the database keeps stays representable: a person's year, and the team's day of one model
// across 99,999 people (numeric(20,10) holds up to $10^10, bigint 9.2 * 10^18 tokens).
export const DAY_BOUNDS = {
  /** Each token type (input, output, cache writes, cache reads) separately. */
  tokens: 100_000_000_000,
  costUsd: 100_000,
} as const;

/** "100,000,000,000 tokens" / "$100,000": for messages that name a bound. */
export const describeBound = (field: TokenField | "cost") =>
  field === "cost"
    ? `$${DAY_BOUNDS.costUsd.toLocaleString("en-US")}`
    : `${DAY_BOUNDS.tokens.toLocaleString("en-US")} tokens`;

const COST_BOUND_SCALED = BigInt(DAY_BOUNDS.costUsd) * 10n ** 10n; // USD scaled by 1e10, as in lib/money

/** "input tokens", "cache write tokens", "cost": how messages name a field. */
const label = (field: UsageField) =>
  field === "cost" ? "cost" : `${USAGE_FIELD_INFO[field].label.toLowerCase()} tokens`;

/**
 * The first figure of a day that is over its bound, or null. Adding bounded figures one at a time and
 * checking after each keeps every sum below 2 * bound, far inside the exact range of a double.
 */
export function overBound(
  day: Record<TokenField, number> & { cost: bigint },
): { what: string; bound: string } | null {
  for (const field of TOKEN_FIELDS) {
    if (day[field] > DAY_BOUNDS.tokens) return { what: label(field), bound: describeBound(field) };
  }
  return day.cost > COST_BOUND_SCALED ? { what: label("cost"), bound: describeBound("cost") } : null;
}
