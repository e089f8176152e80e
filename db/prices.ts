import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { catalogEntry, type DatedPrices, type TokenPrices } from "@/lib/prices/catalog";
import { requireAdmin, type Principal } from "@/lib/principal";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { getDatabase, getDb } from "./index";
import { lockUserUsage, refreshReadModel } from "./read-model";
import { modelCatalog, modelPrices, modelUsage, teamSettings, type CostMode } from "./schema";
import { queryRows } from "./sql";

// The price table (lib/prices/catalog.ts has the price book): every model id usage arrives under is in
// model_catalog with its price key, and model_prices holds the price book's prices per key (source
// default) and the admins' overrides. Costs are priced in SQL (effective_usage, model_price); whenever a
// price changes, the people's days it applies to are rebuilt, rollups included.

const PRICE_COLUMNS = ["input", "output", "cacheRead", "cacheWrite", "cacheWrite1h"] as const;

const decimal = (n: number) => n.toFixed(10);

function priceRows(priceKey: string, source: "default" | "override", prices: DatedPrices[]) {
  return prices.map((p) => ({
    priceKey,
    source,
    effectiveFrom: p.from,
    ...Object.fromEntries(PRICE_COLUMNS.map((c) => [c, decimal(p[c])])),
  }));
}

// Models this process has read from the catalog (at start-up), per database: an upload of known models
// adds no statement. Models an upload adds are not remembered: its transaction may still roll back.
const knownIn = new WeakMap<object, Set<string>>();
async function known(): Promise<Set<string>> {
  const database = await getDatabase();
  let set = knownIn.get(database);
  if (!set) knownIn.set(database, (set = new Set()));
  return set;
}

/**
 * The statements that put models in the catalog, with the price book's prices for their keys where the
 * table has none yet; none when every model is known. Run before the refresh that prices them.
 */
export async function catalogStatements(models: Iterable<string>): Promise<SQL[]> {
  const seen = await known();
  const fresh = [...new Set(models)].filter((m) => !seen.has(m));
  if (fresh.length === 0) return [];
  const entries = fresh.map((model) => ({ model, ...catalogEntry(model) }));
  const catalog = entries.map((e) => ({ m: e.model, k: e.priceKey, n: e.name.slice(0, 200) }));
  const defaults = entries.flatMap((e) =>
    e.defaults.map((p) => ({ k: e.priceKey, f: p.from, ...priceValues(p) })),
  );
  return [
    sql`insert into ${modelCatalog} (model, price_key, name)
        select r.m, r.k, r.n from json_to_recordset(${JSON.stringify(catalog)}::json) as r(m text, k text, n text)
        on conflict (model) do nothing`,
    // Only keys without any default yet: the start-up sync is what replaces a changed price book.
    ...(defaults.length
      ? [
          sql`insert into ${modelPrices} (price_key, source, effective_from, input, output, cache_read, cache_write,
                cache_write1h)
              select r.k, 'default', r.f, r.i, r.o, r.r, r.w, r.h
              from json_to_recordset(${JSON.stringify(defaults)}::json)
                as r(k text, f date, i numeric, o numeric, r numeric, w numeric, h numeric)
              where not exists (select 1 from ${modelPrices} p where p.price_key = r.k and p.source = 'default')
              on conflict do nothing`,
        ]
      : []),
  ];
}

const priceValues = (p: TokenPrices) => ({
  i: decimal(p.input),
  o: decimal(p.output),
  r: decimal(p.cacheRead),
  w: decimal(p.cacheWrite),
  h: decimal(p.cacheWrite1h),
});

/** Puts `models` in the catalog (see catalogStatements), inside the caller's transaction. */
export async function addToCatalog(tx: Db, models: Iterable<string>) {
  for (const statement of await catalogStatements(models)) await tx.execute(statement);
}

/** Each person's days on which any of `priceKeys` was used, from `from` on (all days when null). */
async function daysPriced(tx: Db, priceKeys: string[], from: string | null) {
  if (priceKeys.length === 0) return new Map<number, string[]>();
  const rows = await queryRows<{ user_id: number; dates: string[] | string }>(
    tx,
    sql`select u.user_id, array_agg(distinct u.date::text) as dates
        from model_usage u join ${modelCatalog} c on c.model = u.model
        where c.price_key in (select json_array_elements_text(${JSON.stringify(priceKeys)}::json))
          ${from ? sql`and u.date >= ${from}::date` : sql``}
        group by u.user_id order by u.user_id`,
  );
  return new Map(rows.map((r) => [Number(r.user_id), parseArray(r.dates)]));
}

/** A text[] as either driver returns it. */
function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}

/** Rebuilds the days of every person who used `priceKeys` from `from` on, people in id order. */
async function reprice(tx: Db, priceKeys: string[], from: string | null): Promise<number> {
  const days = await daysPriced(tx, priceKeys, from);
  for (const [userId, dates] of days) {
    await lockUserUsage(tx, userId);
    await refreshReadModel(tx, userId, dates);
  }
  return days.size;
}

/**
 * Brings the price table in line with the app's copy of the price book, and puts every model that usage
 * has arrived under in the catalog: run at start-up. Days priced by a default that changed are rebuilt,
 * each person in a transaction of their own. Returns the price keys whose prices changed.
 */
export async function syncPriceBook(): Promise<string[]> {
  const db = await getDb();
  const models = await queryRows<{ model: string }>(
    db,
    sql`select model from model_catalog
        union select distinct model from machine_usage
        union select distinct model from telemetry_usage`,
  );
  const entries = models.map(({ model }) => ({ model, ...catalogEntry(model) }));
  const stored = await db.select().from(modelCatalog);
  const storedKey = new Map(stored.map((c) => [c.model, c.priceKey]));
  const defaults = await db
    .select()
    .from(modelPrices)
    .where(eq(modelPrices.source, "default"))
    .orderBy(asc(modelPrices.effectiveFrom));
  const storedDefaults = new Map<string, string>();
  for (const row of defaults)
    storedDefaults.set(
      row.priceKey,
      (storedDefaults.get(row.priceKey) ?? "") +
        signature(
          row.effectiveFrom,
          PRICE_COLUMNS.map((c) => row[c]),
        ),
    );
  const changed = new Set<string>();
  const byKey = new Map<string, DatedPrices[]>();
  for (const e of entries) {
    byKey.set(e.priceKey, e.defaults);
    const before = storedKey.get(e.model);
    if (before !== e.priceKey) {
      changed.add(e.priceKey);
      if (before) changed.add(before);
    }
  }
  for (const [key, prices] of byKey) {
    const wanted = prices
      .map((p) =>
        signature(
          p.from,
          PRICE_COLUMNS.map((c) => p[c]),
        ),
      )
      .join("");
    if ((storedDefaults.get(key) ?? "") !== wanted) changed.add(key);
  }
  const seen = await known();
  const remember = () => {
    for (const e of entries) if (seen.size < 10_000) seen.add(e.model);
  };
  if (changed.size === 0) {
    remember();
    return [];
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7275)`);
    for (const e of entries)
      await tx
        .insert(modelCatalog)
        .values({ model: e.model, priceKey: e.priceKey, name: e.name.slice(0, 200) })
        .onConflictDoUpdate({
          target: modelCatalog.model,
          set: { priceKey: e.priceKey, name: e.name.slice(0, 200) },
        });
    const keys = [...changed].filter((k) => byKey.has(k));
    if (keys.length) {
      await tx
        .delete(modelPrices)
        .where(and(eq(modelPrices.source, "default"), inArray(modelPrices.priceKey, keys)));
      const rows = keys.flatMap((k) => priceRows(k, "default", byKey.get(k)!));
      if (rows.length) await tx.insert(modelPrices).values(rows);
    }
  });
  remember();
  const people = await daysPriced(db, [...changed], null);
  for (const [userId, dates] of people)
    await db.transaction(async (tx) => {
      await lockUserUsage(tx, userId);
      await refreshReadModel(tx, userId, dates);
    });
  return [...changed];
}

const toDecimals = (p: TokenPrices) =>
  Object.fromEntries(PRICE_COLUMNS.map((c) => [c, decimal(p[c])])) as Record<
    (typeof PRICE_COLUMNS)[number],
    string
  >;

/** One dated price as compared between the price book and the table: "2000-01-01:15:75:1.5:18.75:30;". */
const signature = (from: string, values: (string | number | null)[]) =>
  `${from}:${values.map((v) => (v === null ? "-" : Number(v))).join(":")};`;

export interface OverrideInput {
  priceKey: string;
  from: string;
  /** null: the override ends on `from` (the price book's price applies again). */
  prices: TokenPrices | null;
}

/**
 * Sets an admin's price for a price key from a day on (or ends the override there) and rebuilds every day
 * it applies to, rollups included, in one transaction; audited.
 */
export async function setPriceOverride(by: Principal, input: OverrideInput) {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // A price key, or a model id as senders spell it (its key is priced).
    const [used] = await tx
      .select({ priceKey: modelCatalog.priceKey })
      .from(modelCatalog)
      .where(or(eq(modelCatalog.priceKey, input.priceKey), eq(modelCatalog.model, input.priceKey)))
      .orderBy(sql`${modelCatalog.priceKey} = ${input.priceKey} desc`)
      .limit(1);
    if (!used)
      throw new AppError(
        "not_found",
        `No usage has arrived for a model or price key "${input.priceKey}": prices are set for models in use.`,
        { field: "priceKey" },
      );
    input = { ...input, priceKey: used.priceKey };
    const values = input.prices
      ? toDecimals(input.prices)
      : Object.fromEntries(PRICE_COLUMNS.map((c) => [c, null]));
    await tx
      .insert(modelPrices)
      .values({ priceKey: input.priceKey, source: "override", effectiveFrom: input.from, ...values })
      .onConflictDoUpdate({
        target: [modelPrices.priceKey, modelPrices.source, modelPrices.effectiveFrom],
        set: { ...values, updatedAt: new Date() },
      });
    const people = await reprice(tx, [input.priceKey], input.from);
    await writeAudit(tx, by, input.prices ? "price.override" : "price.end", input.priceKey, {
      from: input.from,
      ...(input.prices ?? {}),
      peopleRepriced: people,
    });
    return { people, priceKey: input.priceKey };
  });
}

/** Takes an override row away entirely (the prices before it apply again), rebuilding what it priced. */
export async function removePriceOverride(by: Principal, priceKey: string, from: string) {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(modelPrices)
      .where(
        and(
          eq(modelPrices.priceKey, priceKey),
          eq(modelPrices.source, "override"),
          eq(modelPrices.effectiveFrom, from),
        ),
      )
      .returning();
    if (removed.length === 0)
      throw new AppError("not_found", `There is no override of "${priceKey}" from ${from}.`);
    const people = await reprice(tx, [priceKey], from);
    await writeAudit(tx, by, "price.remove", priceKey, { from, peopleRepriced: people });
    return { people };
  });
}

/**
 * The models a sender reported no cost for despite tokens (`lastDay`: each on the last day it was used),
 * split by whether the price table prices them that day (sorted): models in the catalog as the table says,
 * others (a dry run's) by the price book, as adding them to the catalog would.
 */
export async function splitByPrice(
  tx: Db,
  lastDay: Map<string, string>,
): Promise<{ priced: string[]; unpriced: string[] }> {
  if (lastDay.size === 0) return { priced: [], unpriced: [] };
  const rows = await queryRows<{ model: string; cataloged: boolean; priced: boolean }>(
    tx,
    sql`select r.m as model, exists (select 1 from ${modelCatalog} c where c.model = r.m) as cataloged,
          exists (select 1 from model_price(r.m, r.d)) as priced
        from json_to_recordset(${JSON.stringify([...lastDay].map(([m, d]) => ({ m, d })))}::json)
          as r(m varchar, d date)`,
  );
  const isPriced = (r: (typeof rows)[number]) =>
    r.cataloged ? r.priced : catalogEntry(r.model).defaults.some((p) => p.from <= lastDay.get(r.model)!);
  const models = (priced: boolean) =>
    rows
      .filter((r) => isPriced(r) === priced)
      .map((r) => r.model)
      .sort();
  return { priced: models(true), unpriced: models(false) };
}

/**
 * Sets the team's cost mode ("reported": the sender's cost where it priced the tokens; "list": the price
 * table's wherever it has a price) and rebuilds every person's days in the same transaction; audited.
 */
export async function setCostMode(by: Principal, mode: CostMode) {
  requireAdmin(by);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ mode: teamSettings.costMode })
      .from(teamSettings)
      .where(eq(teamSettings.id, 1))
      .for("update");
    if (before.mode === mode) return { people: 0 };
    await tx.update(teamSettings).set({ costMode: mode }).where(eq(teamSettings.id, 1));
    const days = await queryRows<{ user_id: number; dates: string[] | string }>(
      tx,
      sql`select user_id, array_agg(date::text) as dates from usage_stats group by user_id order by user_id`,
    );
    for (const row of days) {
      await lockUserUsage(tx, Number(row.user_id));
      await refreshReadModel(tx, Number(row.user_id), parseArray(row.dates));
    }
    await writeAudit(tx, by, "team.update", "team", {
      costMode: { from: before.mode, to: mode },
      peopleRepriced: days.length,
    });
    return { people: days.length };
  });
}

export interface PriceRow {
  from: string;
  source: "default" | "override";
  /** null: an override that ends there (the price book's price applies again). */
  prices: TokenPrices | null;
}

export interface PriceTableEntry {
  priceKey: string;
  name: string;
  /** The model ids usage arrived under that take this key's price. */
  models: string[];
  /** The price in force on `today`, and where it comes from; null when nobody prices the key. */
  current: (PriceRow & { prices: TokenPrices; longContext?: DatedPrices["longContext"] }) | null;
  /** Every dated price, the price book's and the admins', oldest first. */
  prices: PriceRow[];
}

const toPrices = (row: Record<(typeof PRICE_COLUMNS)[number], string | null>): TokenPrices | null =>
  row.input === null
    ? null
    : (Object.fromEntries(PRICE_COLUMNS.map((c) => [c, Number(row[c])])) as unknown as TokenPrices);

/** The price table for every price key usage has arrived under (admins; Settings → Prices, the admin tool). */
export async function listPriceTable(by: Principal, today: string): Promise<PriceTableEntry[]> {
  requireAdmin(by);
  const db = await getDb();
  const [catalog, prices] = await Promise.all([
    db.select().from(modelCatalog).orderBy(asc(modelCatalog.priceKey), asc(modelCatalog.model)),
    db.select().from(modelPrices).orderBy(asc(modelPrices.priceKey), asc(modelPrices.effectiveFrom)),
  ]);
  const entries = new Map<string, PriceTableEntry>();
  for (const c of catalog) {
    const entry = entries.get(c.priceKey) ?? {
      priceKey: c.priceKey,
      name: c.name,
      models: [],
      current: null,
      prices: [],
    };
    entry.models.push(c.model);
    entries.set(c.priceKey, entry);
  }
  for (const p of prices)
    entries.get(p.priceKey)?.prices.push({ from: p.effectiveFrom, source: p.source, prices: toPrices(p) });
  for (const entry of entries.values()) {
    // As model_price decides: the latest override in force if it has prices, else the latest default.
    const inForce = (source: PriceRow["source"]) =>
      entry.prices.filter((p) => p.source === source && p.from <= today).at(-1);
    const override = inForce("override");
    const chosen = override?.prices ? override : inForce("default");
    // The price book's long-context tier, for the price book's own price.
    const tier =
      chosen?.source === "default"
        ? catalogEntry(entry.models[0]).defaults.find((d) => d.from === chosen.from)?.longContext
        : undefined;
    entry.current = chosen?.prices ? { ...chosen, prices: chosen.prices, longContext: tier } : null;
  }
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Models whose tokens nobody priced in the `days` days to `today`, most tokens first. */
export async function listUnpricedModels(by: Principal, today: string, days = 90) {
  requireAdmin(by);
  const db = await getDb();
  const rows = await queryRows<{
    model: string;
    price_key: string;
    tokens: string;
    people: string;
    last_used: string;
  }>(
    db,
    sql`select u.model, min(c.price_key) as price_key, sum(u.unpriced_tokens) as tokens,
          count(distinct u.user_id) as people, max(u.date)::text as last_used
        from ${modelUsage} u left join ${modelCatalog} c on c.model = u.model
        where u.date > ${today}::date - ${days}::int and u.date <= ${today}::date and u.unpriced_tokens > 0
        group by u.model order by sum(u.unpriced_tokens) desc, u.model`,
  );
  return rows.map((r) => ({
    model: r.model,
    priceKey: r.price_key ?? r.model,
    tokens: Number(r.tokens),
    people: Number(r.people),
    lastUsed: r.last_used,
  }));
}
