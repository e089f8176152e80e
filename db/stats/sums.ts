import { sql, type SQL } from "drizzle-orm";
import {
  emptyTotals,
  READ_FIELD_INFO,
  READ_FIELDS,
  TOKEN_FIELDS,
  USAGE_FIELD_INFO,
  type UsageColumn,
  type UsageTotals,
} from "@/lib/usage";
import type { Columns, RowOf } from "../sql";

// The read model's fields (lib/usage.ts READ_FIELDS: usage and pricing) as SQL for the hand-written
// statements: column lists, sums under the columns' own names, and the sums a statement selects (every
// field and the total of tokens).

const STORED = READ_FIELDS.map((f) => READ_FIELD_INFO[f].column);
const TOTAL_TOKENS = TOKEN_FIELDS.map((f) => USAGE_FIELD_INFO[f].column).join(" + ");

/**
 * Columns as a select list, each under its own name: as they are, summed, and negated either way (for
 * rows to subtract).
 */
export function columnForms(columns: readonly string[]) {
  const list = (form: (c: string) => string) => sql.raw(columns.map(form).join(", "));
  return {
    plain: list((c) => c),
    summed: list((c) => `sum(${c}) as ${c}`),
    minus: list((c) => `-${c} as ${c}`),
    minusSummed: list((c) => `-sum(${c}) as ${c}`),
  };
}

/** The read model's usage columns in each form: `input_tokens, output_tokens, …, cost, priced_cost, …`. */
export const USAGE_FORMS = columnForms(STORED);
export const USAGE = USAGE_FORMS.plain;
/** The same columns summed under their own names. */
export const SUMMED_USAGE = USAGE_FORMS.summed;
/** `input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens` */
export const TOKEN_COLUMNS = sql.raw(TOKEN_FIELDS.map((f) => USAGE_FIELD_INFO[f].column).join(", "));
/** The sum of the four token columns of a row. */
export const TOKENS = sql.raw(TOTAL_TOKENS);

type SumName = UsageColumn | "total_tokens";
/** Each sum's name and the columns it adds up. */
const SUMS: [SumName, string[]][] = [
  ...STORED.map((c): [SumName, string[]] => [c, [c]]),
  ["total_tokens", TOKEN_FIELDS.map((f) => USAGE_FIELD_INFO[f].column)],
];

/**
 * The usage sums of a table's rows, named `<prefix>cost`, `<prefix>input_tokens`, …, optionally only
 * over rows matching `filter` (used to get the current and the previous period from one scan).
 */
export function usageSums(prefix = "", filter?: SQL): SQL {
  const parts = SUMS.map(([name, columns]) => {
    const expression = sql.raw(columns.join(" + "));
    const agg = filter ? sql`sum(${expression}) filter (where ${filter})` : sql`sum(${expression})`;
    return sql`coalesce(${agg}, 0) as ${sql.raw(prefix + name)}`;
  });
  return sql.join(parts, sql`, `);
}

/**
 * A row of SUMMED_USAGE columns (table `from`, which an outer join may leave empty) under the names
 * `usageSums(prefix)` gives, zero where the row is missing.
 */
export function rowSums(from: string, prefix = ""): SQL {
  return sql.raw(
    SUMS.map(([name, columns]) => {
      const total = columns.map((c) => `${from}.${c}`).join(" + ");
      return `coalesce(${total}, 0) as ${prefix}${name}`;
    }).join(", "),
  );
}

/** Zeros under the names `usageSums(prefix)` gives, for a previous period that does not exist. */
export function zeroSums(prefix: string): SQL {
  return sql.raw(SUMS.map(([name]) => `0 as ${prefix}${name}`).join(", "));
}

/** Sums the columns `usageSums(from)` named over the rows of an outer query, as `<to>cost`, …. */
export function resum(from: string, to: string): SQL {
  return sql.raw(SUMS.map(([name]) => `coalesce(sum(${from}${name}), 0) as ${to}${name}`).join(", "));
}

type SumColumns<P extends string> = Record<`${P}${SumName}`, "number">;

/** The declared columns of `usageSums(prefix)`, for a statement's row. */
export function sumColumns<P extends string = "">(prefix: P = "" as P): SumColumns<P> {
  return Object.fromEntries(SUMS.map(([name]) => [`${prefix}${name}`, "number"])) as SumColumns<P>;
}

/** Reads the sums `usageSums(prefix)` selected. */
export function readTotals<P extends string = "">(
  row: RowOf<SumColumns<P> & Columns>,
  prefix: P = "" as P,
): UsageTotals {
  const get = (name: string) => (row as Record<string, number>)[`${prefix}${name}`];
  const totals = emptyTotals();
  for (const field of READ_FIELDS) totals[field] = get(READ_FIELD_INFO[field].column);
  totals.totalTokens = get("total_tokens");
  return totals;
}
