import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Database, Db } from "../client";
import { queryRows } from "../sql";
import { appTables, ident } from "./contents";

// Copies every table of one database into another at the same migration, in one transaction on the target:
// the way from the embedded database to PostgreSQL. Rows travel as JSON text (exact numerics, arrays and
// jsonb as they are), in chunks, so a long history never sits in memory whole.

const CHUNK = 2000;

export interface CopiedTable {
  table: string;
  rows: number;
}

type PostgresDatabase = Extract<Database, { driver: "postgres" }>;

/** The tables, parents before the tables whose foreign keys point at them. */
async function tablesInForeignKeyOrder(database: Database): Promise<string[]> {
  const tables = await appTables(database);
  const edges = await database.rows<{ child: string; parent: string }>(sql`
    select ch.relname as child, pa.relname as parent
    from pg_constraint c
    join pg_class ch on ch.oid = c.conrelid
    join pg_class pa on pa.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && edges.every((e) => e.child !== t || e.parent === t || placed.has(e.parent)),
    );
    if (ready.length === 0) throw new AppError("internal", "The tables' foreign keys form a cycle.");
    for (const t of ready) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

/** A table's columns that take a value on insert (generated ones are computed again by the target). */
async function insertableColumns(database: Database, table: string): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(sql`
    select attname as name from pg_attribute
    where attrelid = ${`public.${ident(table)}`}::regclass and attnum > 0 and not attisdropped
      and attgenerated = ''
    order by attnum`);
  return rows.map((r) => r.name);
}

/** Calls `write` with each chunk of the table's rows as a JSON array, read through a cursor. */
async function readChunks(
  database: Database,
  table: string,
  columns: string,
  write: (json: string, rows: number) => Promise<void>,
) {
  await database.db.transaction(async (tx) => {
    const read = (query: string) => queryRows<{ j: string }>(tx as unknown as Db, sql.raw(query));
    await read(
      `declare copy_rows no scroll cursor for select row_to_json(t)::text as j from (select ${columns} from ${ident(table)}) t`,
    );
    for (let rows = await read(`fetch ${CHUNK} from copy_rows`); rows.length;) {
      await write(`[${rows.map((r) => r.j).join(",")}]`, rows.length);
      rows = await read(`fetch ${CHUNK} from copy_rows`);
    }
    await read("close copy_rows");
  });
}

/**
 * Replaces everything in `target` with `source`'s rows and sequence positions (so new ids follow the copied
 * ones). Both must be migrated to the same version: the migrations table itself is not copied.
 */
export async function copyDatabase(source: Database, target: PostgresDatabase): Promise<CopiedTable[]> {
  const tables = await tablesInForeignKeyOrder(source);
  const targetTables = await appTables(target);
  const missing = tables.filter((t) => !targetTables.includes(t));
  if (missing.length)
    throw new AppError(
      "conflict",
      `The target database has no table ${missing.join(", ")}: it is at another version.`,
    );
  const sequences = await source.rows<{ name: string; last: string | null }>(
    sql`select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public'`,
  );
  const copied: CopiedTable[] = [];
  await target.client.begin(async (tx) => {
    await tx.unsafe("set local statement_timeout = 0");
    await tx.unsafe(`truncate ${targetTables.map(ident).join(", ")} restart identity cascade`);
    for (const table of tables) {
      const columns = (await insertableColumns(source, table)).map(ident).join(", ");
      let rows = 0;
      await readChunks(source, table, columns, async (json, n) => {
        await tx.unsafe(
          `insert into ${ident(table)} (${columns}) overriding system value
           select ${columns} from json_populate_recordset(null::${ident(table)}, $1::json)`,
          [json],
        );
        rows += n;
      });
      const [{ n }] = await tx.unsafe(`select count(*)::int as n from ${ident(table)}`);
      if (n !== rows)
        throw new AppError("internal", `Copied ${rows} rows of ${table} but the target holds ${n}.`);
      copied.push({ table, rows });
    }
    for (const s of sequences)
      if (s.last !== null)
        await tx.unsafe("select setval($1::regclass, $2::bigint)", [`public.${ident(s.name)}`, s.last]);
  });
  return copied;
}
