import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { USAGE_FIELDS, type UsageField } from "@/lib/usage";
import type { Db } from "./client";

/**
 * Runs raw SQL and returns its rows. postgres-js returns an array, PGlite `{ rows }`: this is the one
 * place that difference is handled.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const rowsOf = <T>(result: unknown) => {
  const rows = result as T[] | { rows: T[] };
  return Array.isArray(rows) ? rows : rows.rows;
};

/**
 * Runs statements of one transaction together: postgres-js sends them at once (one round trip), PGlite
 * one after another. PostgreSQL runs them in the order given, each seeing what the ones before it wrote;
 * the first that fails rejects the whole (and aborts the transaction). Resolves to each one's rows.
 */
export async function pipeline(tx: Db, statements: readonly SQL[]): Promise<Record<string, unknown>[][]> {
  // Each query is dispatched when Promise.all subscribes to it, in array order.
  const results = await Promise.all(statements.map((statement) => tx.execute(statement)));
  return results.map((result) => rowsOf<Record<string, unknown>>(result));
}

/**
 * A date[] parameter: one bind parameter however many dates (an IN list would use one per date and
 * hit the 65,535-parameter limit on long histories). Dates are validated YYYY-MM-DD strings.
 */
export function dateArray(dates: readonly string[]): SQL {
  return sql`${`{${dates.join(",")}}`}::date[]`;
}

// How a hand-written statement's columns are read: numeric and bigint aggregates arrive as strings on
// postgres-js (and sometimes on PGlite), and a sum over no rows as null.
const DECODERS = {
  number: (v: unknown): number => (v === null || v === undefined ? 0 : Number(v)),
  text: (v: unknown): string => String(v),
  textOrNull: (v: unknown): string | null => (v === null || v === undefined ? null : String(v)),
  timeOrNull: (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string)),
};

/** A statement's row, declared: each column's name and how it is read. */
export type Columns = Record<string, keyof typeof DECODERS>;
export type RowOf<C extends Columns> = { [K in keyof C]: ReturnType<(typeof DECODERS)[C[K]]> };

/** Runs a statement and reads every row by its declared `columns` (the one decoder of raw statements). */
export async function selectRows<C extends Columns>(db: Db, columns: C, query: SQL): Promise<RowOf<C>[]> {
  const rows = await queryRows<Record<string, unknown>>(db, query);
  const names = Object.keys(columns);
  const decoders = names.map((name) => DECODERS[columns[name]]);
  // A plain loop filling one object per row: a page reads thousands of values, and building each row
  // from an array of pairs cost several times as much.
  return rows.map((row) => {
    const read: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) read[names[i]] = decoders[i](row[names[i]]);
    return read as RowOf<C>;
  });
}

/** A usage table's five usage columns, for a select: `{ inputTokens: t.inputTokens, …, cost: t.cost }`. */
export function usageColumnsOf<T extends Record<UsageField, AnyPgColumn>>(table: T): Pick<T, UsageField> {
  return Object.fromEntries(USAGE_FIELDS.map((f) => [f, table[f]])) as Pick<T, UsageField>;
}
