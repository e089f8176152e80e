import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { usdToDecimal } from "@/lib/money";
import type { ActivityPoint, ApiRequest, Rejections } from "@/lib/otel/telemetry";
import { increments } from "@/lib/otel/telemetry";
import { todayIn } from "@/lib/period";
import type { Person } from "@/lib/principal";
import type { Db } from "./client";
import { getDb } from "./index";
import { addToCatalog, catalogStatements, splitByPrice } from "./prices";
import { joinTelemetryGroups } from "./groups/telemetry";
import { lockUserUsage, readModelRefresh, refreshReadModel, userUsageLock } from "./read-model";
import {
  apiKeys,
  machines,
  telemetryActivity,
  telemetryEvents,
  telemetryHeldActivity,
  telemetryPoints,
  telemetryReceipts,
  telemetryUsage,
  users,
} from "./schema";
import { pipeline, queryRows } from "./sql";

// Recording Claude Code's telemetry: every export in one transaction, a fixed number of statements per
// person in it whatever its size. Each api_request is counted once per sender (its request id is unique
// per sender), each metric point once; what a team key sends for an email no user has is held, not shown.

/** Who sent an export: a person's key (everything is theirs), or a team key (each record's email says whose). */
export type TelemetrySender = { keyId: number } & ({ kind: "personal"; person: Person } | { kind: "team" });

export interface Recorded {
  /** Records that were checked and taken (counted now, or earlier: repeats are taken too). */
  accepted: number;
  rejected: number;
  /** Why records were refused, for the export response. */
  message: string;
}

interface Context {
  now: Date;
  timezone: string;
}

type Origin = { email: string | null; version: string | null; machine: string; group: string | null };

/** The person each record belongs to (by user.email with a team key), and the records no user has yet. */
async function attribute<T extends Origin>(
  db: Db,
  sender: TelemetrySender,
  records: readonly T[],
): Promise<{ people: Map<number, { person: Person; records: T[] }>; held: Map<string, T[]> }> {
  const people = new Map<number, { person: Person; records: T[] }>();
  const held = new Map<string, T[]>();
  if (sender.kind === "personal") {
    if (records.length) people.set(sender.person.id, { person: sender.person, records: [...records] });
    return { people, held };
  }
  const emails = [...new Set(records.map((r) => r.email).filter((e): e is string => !!e))];
  const found = emails.length
    ? await db
        .select({ id: users.id, username: users.username, role: users.role, email: users.email })
        .from(users)
        .where(and(inArray(sql`lower(${users.email})`, emails), isNull(users.disabledAt)))
    : [];
  const byEmail = new Map(found.map((u) => [u.email!.toLowerCase(), u]));
  for (const record of records) {
    const user = record.email ? byEmail.get(record.email) : undefined;
    if (!user) {
      const list = held.get(record.email ?? "") ?? [];
      held.set(record.email ?? "", [...list, record]);
      continue;
    }
    const entry = people.get(user.id) ?? {
      person: { id: user.id, username: user.username, role: user.role },
      records: [],
    };
    entry.records.push(record);
    people.set(user.id, entry);
  }
  return { people, held };
}

const ownerOf = (sender: TelemetrySender, email: string | null) =>
  sender.kind === "personal" ? `key:${sender.keyId}` : `team:${email ?? ""}`;

const senderLabel = (sender: TelemetrySender) =>
  sender.kind === "personal" ? `user:${sender.person.username}` : `key:${sender.keyId}`;

/** Creates a person's machines by name as needed, marking their telemetry as seen now; returns id and name. */
const machinesUpsert = (userId: number, names: string[], now: Date) =>
  sql`insert into ${machines} (user_id, name, last_telemetry_at)
      select ${userId}, name, ${now.toISOString()}::timestamptz from json_array_elements_text(${JSON.stringify(names)}::json) name
      on conflict (user_id, name) do update set last_telemetry_at = excluded.last_telemetry_at
      returning id, name`;

/** The ids of a person's machines by name, created as needed, with their telemetry marked as seen now. */
async function machineIds(tx: Db, userId: number, names: string[], now: Date): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; name: string }>(tx, machinesUpsert(userId, names, now));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Adds counters that sit in jsonb objects ({"reason": 2}) to the ones stored, key by key. */
const addCounters = (column: string) =>
  sql.raw(`(select coalesce(jsonb_object_agg(key, total), '{}'::jsonb) from (
    select key, sum(value::int) as total
    from (select * from jsonb_each_text(telemetry_receipts.${column}) union all select * from jsonb_each_text(excluded.${column})) c
    group by key) s)`);

type Receipt = {
  sender: string;
  records: number;
  counted: number;
  rejected: Rejections;
  versions: Record<string, number>;
};

/** Adds an export's receipts to the day's, per sender. */
function receiptsUpsert(signal: "logs" | "metrics", context: Context, receipts: readonly Receipt[]) {
  const date = todayIn(context.timezone, context.now);
  const rows = receipts.map((r) => ({
    s: r.sender.slice(0, 300),
    n: r.records,
    c: r.counted,
    x: Object.values(r.rejected).reduce((a, b) => a + b, 0),
    r: r.rejected,
    v: r.versions,
  }));
  return sql`
    insert into ${telemetryReceipts} (date, sender, signal, records, counted, rejected, reasons, versions)
    select ${date}::date, r.s, ${signal}, r.n, r.c, r.x, r.r, r.v
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(s text, n int, c int, x int, r jsonb, v jsonb)
    on conflict (date, sender, signal) do update set
      records = telemetry_receipts.records + excluded.records,
      counted = telemetry_receipts.counted + excluded.counted,
      rejected = telemetry_receipts.rejected + excluded.rejected,
      reasons = ${addCounters("reasons")},
      versions = ${addCounters("versions")}`;
}

const versionsOf = (records: readonly Origin[]) => {
  const versions: Record<string, number> = {};
  for (const r of records) if (r.version) versions[r.version] = (versions[r.version] ?? 0) + 1;
  return versions;
};

const THROTTLE_MS = 5 * 60_000;

/** Marks the key as having sent telemetry (at most every few minutes: a busy key is not a write per export). */
const keyTouch = (keyId: number, now: Date) =>
  sql`update ${apiKeys} set last_telemetry_at = ${now.toISOString()}::timestamptz
      where id = ${keyId} and (last_telemetry_at is null or last_telemetry_at < ${new Date(now.getTime() - THROTTLE_MS).toISOString()}::timestamptz)`;

/**
 * The end of every export's transaction, in one round trip: its receipts (the first takes the export's
 * other records and refusals, on the sender: a team key's on the key), the key's last telemetry time, and
 * `last`: the day refreshes, which lock the team's shared per-model day rows until the commit, so they go
 * right before it.
 */
async function finish(
  tx: Db,
  sender: TelemetrySender,
  signal: "logs" | "metrics",
  context: Context,
  receipts: Receipt[],
  other: { records: number; rejected: Rejections },
  last: SQL[] = [],
) {
  const first = receipts[0] ?? {
    sender: senderLabel(sender),
    records: 0,
    counted: 0,
    rejected: {},
    versions: {},
  };
  if (!receipts.length) receipts.push(first);
  first.records += other.records;
  first.rejected = other.rejected;
  await pipeline(tx, [
    receiptsUpsert(signal, context, receipts),
    keyTouch(sender.keyId, context.now),
    ...last,
  ]);
}

function eventRows(requests: readonly ApiRequest[], owner: (r: ApiRequest) => string, context: Context) {
  return requests.map((r) => ({
    o: owner(r),
    k: r.dedupeKey,
    e: r.email,
    m: r.machine,
    t: r.time.toISOString(),
    d: todayIn(context.timezone, r.time),
    mo: r.model,
    p: r.provider,
    i: r.inputTokens,
    out: r.outputTokens,
    cw: r.cacheCreationTokens,
    cr: r.cacheReadTokens,
    c5: r.cacheCreation5mTokens,
    c1: r.cacheCreation1hTokens,
    c: usdToDecimal(r.cost),
    s: r.sessionId,
    v: r.version,
  }));
}

/** Adds a telemetry_usage upsert's rows (aliased u) to those already stored. */
const ADD_TO_TELEMETRY_USAGE = sql.raw(`on conflict (machine_id, date, model) do update set
  input_tokens = u.input_tokens + excluded.input_tokens, output_tokens = u.output_tokens + excluded.output_tokens,
  cache_creation_tokens = u.cache_creation_tokens + excluded.cache_creation_tokens,
  cache_read_tokens = u.cache_read_tokens + excluded.cache_read_tokens,
  cache_creation5m_tokens = u.cache_creation5m_tokens + excluded.cache_creation5m_tokens,
  cache_creation1h_tokens = u.cache_creation1h_tokens + excluded.cache_creation1h_tokens,
  cost = u.cost + excluded.cost, requests = u.requests + excluded.requests`);

/** Adds activity (by machine id, day, metric and detail) to a person's. */
const activityUpsert = (userId: number, rows: { id: number; d: string; k: string; t: string; v: number }[]) =>
  sql`insert into ${telemetryActivity} as a (machine_id, user_id, date, metric, detail, value)
      select r.id, ${userId}, r.d, r.k, r.t, r.v
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(id int, d date, k text, t text, v float8)
      order by r.id, r.d, r.k, r.t
      on conflict (machine_id, date, metric, detail) do update set value = a.value + excluded.value`;

const EVENT_RECORD =
  sql.raw(`r(o text, k text, e text, m text, t timestamptz, d date, mo text, p text, i bigint,
  out bigint, cw bigint, cr bigint, c5 bigint, c1 bigint, c numeric, s text, v text)`);

/**
 * Counts one person's new api_request events (repeats by request id add nothing): stored, and added to
 * their machines' telemetry usage. Returns how many were new; their days are rebuilt by finish.
 */
async function countEvents(
  tx: Db,
  user: Person,
  rows: ReturnType<typeof eventRows>,
  now: Date,
): Promise<number> {
  // One round trip: the person's lock, their machines, the new events added to their machines' usage.
  const catalog = await catalogStatements(rows.map((r) => r.mo));
  const [, , [counted]] = await pipeline(tx, [
    userUsageLock(user.id),
    machinesUpsert(user.id, [...new Set(rows.map((r) => r.m))], now),
    sql`with new as (
          insert into ${telemetryEvents} (owner, dedupe_key, user_id, email, machine, time, date, model, provider,
            input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cache_creation5m_tokens,
            cache_creation1h_tokens, cost, session_id, version)
          select r.o, r.k, ${user.id}, r.e, r.m, r.t, r.d, r.mo, r.p::provider, r.i, r.out, r.cw, r.cr, r.c5, r.c1, r.c,
            r.s, r.v
          from json_to_recordset(${JSON.stringify(rows)}::json) as ${EVENT_RECORD}
          on conflict (owner, dedupe_key) do nothing
          returning machine, date, model, provider, input_tokens, output_tokens, cache_creation_tokens,
            cache_read_tokens, cache_creation5m_tokens, cache_creation1h_tokens, cost),
        added as (
          insert into ${telemetryUsage} as u (machine_id, user_id, date, model, provider, input_tokens, output_tokens,
            cache_creation_tokens, cache_read_tokens, cache_creation5m_tokens, cache_creation1h_tokens, cost, requests)
          select m.id, ${user.id}, new.date, new.model, min(new.provider), sum(input_tokens), sum(output_tokens),
            sum(cache_creation_tokens), sum(cache_read_tokens), sum(cache_creation5m_tokens),
            sum(cache_creation1h_tokens), sum(cost), count(*)
          from new join ${machines} m on m.user_id = ${user.id} and m.name = new.machine
          group by m.id, new.date, new.model
          order by m.id, new.date, new.model
          ${ADD_TO_TELEMETRY_USAGE}
          returning 1)
        select count(*) as n from new`,
    ...catalog,
  ]);
  return Number(counted.n);
}

/** Records an export's api_request events; `rejected` are the ones already refused when they were read. */
export async function recordApiRequests(
  sender: TelemetrySender,
  read: { requests: ApiRequest[]; events: Record<string, number>; rejected: Rejections },
  context: Context,
): Promise<Recorded> {
  const db = await getDb();
  const total = Object.values(read.events).reduce((a, b) => a + b, 0);
  const rejectedCount = Object.values(read.rejected).reduce((a, b) => a + b, 0);
  const warning = await db.transaction(async (tx) => {
    const { people, held } = await attribute(tx, sender, read.requests);
    const receipts: Receipt[] = [];
    // People in id order: two exports that touch the same people lock them in one order.
    const refreshes: SQL[] = [];
    for (const [, { person, records }] of [...people].sort(([a], [b]) => a - b)) {
      const rows = eventRows(records, (r) => ownerOf(sender, r.email), context);
      const counted = await countEvents(tx, person, rows, context.now);
      await joinTelemetryGroups(tx, person, records);
      // The export's days: a day with only repeats is rebuilt to what it was.
      refreshes.push(readModelRefresh(person.id, [...new Set(rows.map((r) => r.d))]));
      receipts.push({
        sender: `user:${person.username}`,
        records: records.length,
        counted,
        rejected: {},
        versions: versionsOf(records),
      });
    }
    for (const [email, records] of held) {
      const rows = eventRows(records, () => ownerOf(sender, email), context);
      await tx.execute(sql`
        insert into ${telemetryEvents} (owner, dedupe_key, user_id, email, machine, time, date, model, provider,
          input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cache_creation5m_tokens,
          cache_creation1h_tokens, cost, session_id, version)
        select r.o, r.k, null, ${email}, r.m, r.t, r.d, r.mo, r.p::provider, r.i, r.out, r.cw, r.cr, r.c5, r.c1, r.c, r.s, r.v
        from json_to_recordset(${JSON.stringify(rows)}::json) as ${EVENT_RECORD}
        on conflict (owner, dedupe_key) do nothing`);
      receipts.push({
        sender: `email:${email || "(none)"}`,
        records: records.length,
        counted: 0,
        rejected: {},
        versions: versionsOf(records),
      });
    }
    await finish(
      tx,
      sender,
      "logs",
      context,
      receipts,
      { records: total - read.requests.length, rejected: read.rejected },
      refreshes,
    );
    return unpricedWarning(tx, read.requests, context);
  });
  return {
    accepted: total - rejectedCount,
    rejected: rejectedCount,
    message: [rejectionMessage(read.rejected), warning].filter(Boolean).join("; "),
  };
}

/**
 * A warning (the export's partial success message, with nothing rejected) naming the models Claude Code
 * reported no cost for that the price table cannot price either: their tokens are shown as unpriced.
 */
async function unpricedWarning(tx: Db, requests: readonly ApiRequest[], context: Context) {
  const lastDay = new Map<string, string>();
  for (const r of requests)
    if (r.cost <= 0n && r.inputTokens + r.outputTokens + r.cacheCreationTokens + r.cacheReadTokens > 0)
      lastDay.set(r.model, todayIn(context.timezone, r.time));
  const { unpriced } = await splitByPrice(tx, lastDay);
  return unpriced.length
    ? `no price for ${unpriced.join(", ")}: their tokens are shown as unpriced until an admin sets one (Settings → Prices)`
    : "";
}

/** "2 records: api_request: time in the future; 1 record: …" */
export function rejectionMessage(rejected: Rejections): string {
  return Object.entries(rejected)
    .map(([reason, n]) => `${n} ${n === 1 ? "record" : "records"}: ${reason}`)
    .join("; ");
}

/** Serialises the metric points of one sender stream, so cumulative series grow from one last point. */
const lockOwner = (tx: Db, owner: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(7274, hashtext(${owner}))`);

type Increment = { point: ActivityPoint; value: number };

/** Stores one stream's new metric points and returns what each adds (repeats and stale points add nothing). */
async function newIncrements(tx: Db, owner: string, points: readonly ActivityPoint[]): Promise<Increment[]> {
  await lockOwner(tx, owner);
  const rows = points.map((p) => ({ s: p.series, a: p.startTimeUnixNano, t: p.timeUnixNano, v: p.value }));
  const json = JSON.stringify(rows);
  const [last, inserted] = [
    await queryRows<{ series: string; start_ns: string; time_ns: string; value: number }>(
      tx,
      sql`select distinct on (p.series, p.start_ns) p.series, p.start_ns::text, p.time_ns::text, p.value
          from ${telemetryPoints} p
          join (select distinct s, a::bigint as a from json_to_recordset(${json}::json) as r(s text, a text, t text, v float8)) r
            on p.owner = ${owner} and p.series = r.s and p.start_ns = r.a
          order by p.series, p.start_ns, p.time_ns desc`,
    ),
    await queryRows<{ series: string; start_ns: string; time_ns: string }>(
      tx,
      sql`insert into ${telemetryPoints} (owner, series, start_ns, time_ns, value)
          select ${owner}, r.s, r.a::bigint, r.t::bigint, r.v
          from json_to_recordset(${json}::json) as r(s text, a text, t text, v float8)
          on conflict do nothing
          returning series, start_ns::text, time_ns::text`,
    ),
  ];
  const key = (series: string, start: string, time?: string) => `${series}|${start}|${time ?? ""}`;
  const isNew = new Set(inserted.map((r) => key(r.series, r.start_ns, r.time_ns)));
  const lastOf = new Map(
    last.map((r) => [key(r.series, r.start_ns), { timeUnixNano: r.time_ns, value: Number(r.value) }]),
  );
  const bySeries = new Map<string, ActivityPoint[]>();
  for (const p of points) {
    if (!isNew.has(key(p.series, p.startTimeUnixNano, p.timeUnixNano))) continue;
    const k = key(p.series, p.startTimeUnixNano);
    bySeries.set(k, [...(bySeries.get(k) ?? []), p]);
  }
  const out: Increment[] = [];
  for (const [k, list] of bySeries) {
    list.sort((a, b) => (BigInt(a.timeUnixNano) < BigInt(b.timeUnixNano) ? -1 : 1));
    increments(list, lastOf.get(k) ?? null).forEach(
      (value, i) => value > 0 && out.push({ point: list[i], value }),
    );
  }
  return out;
}

function activityRows(increments: readonly Increment[], context: Context) {
  const rows = new Map<string, { m: string; d: string; k: string; t: string; v: number }>();
  for (const { point, value } of increments) {
    const d = todayIn(context.timezone, point.time);
    const id = `${point.machine}|${d}|${point.metric}|${point.detail}`;
    const row = rows.get(id) ?? { m: point.machine, d, k: point.metric, t: point.detail, v: 0 };
    row.v += value;
    rows.set(id, row);
  }
  return [...rows.values()];
}

const ACTIVITY_RECORD = sql.raw(`r(m text, d date, k text, t text, v float8)`);

/** Records an export's activity points; `rejected` are the ones already refused when they were read. */
export async function recordActivity(
  sender: TelemetrySender,
  read: { activity: ActivityPoint[]; rejected: Rejections; points: number },
  context: Context,
): Promise<Recorded> {
  const db = await getDb();
  const rejectedCount = Object.values(read.rejected).reduce((a, b) => a + b, 0);
  await db.transaction(async (tx) => {
    const { people, held } = await attribute(tx, sender, read.activity);
    const receipts: Receipt[] = [];
    for (const [, { person, records }] of [...people].sort(([a], [b]) => a - b)) {
      const streams = new Map<string, ActivityPoint[]>();
      for (const p of records)
        streams.set(ownerOf(sender, p.email), [...(streams.get(ownerOf(sender, p.email)) ?? []), p]);
      const added: Increment[] = [];
      for (const [owner, points] of [...streams].sort())
        added.push(...(await newIncrements(tx, owner, points)));
      const rows = activityRows(added, context);
      await joinTelemetryGroups(tx, person, records);
      if (rows.length) {
        const ids = await machineIds(tx, person.id, [...new Set(rows.map((r) => r.m))], context.now);
        await tx.execute(
          activityUpsert(
            person.id,
            rows.map((r) => ({ ...r, id: ids.get(r.m)! })),
          ),
        );
      }
      receipts.push({
        sender: `user:${person.username}`,
        records: records.length,
        counted: added.length,
        rejected: {},
        versions: versionsOf(records),
      });
    }
    for (const [email, records] of held) {
      const added = await newIncrements(tx, ownerOf(sender, email), records);
      const rows = activityRows(added, context);
      if (rows.length) {
        await tx.execute(sql`
          insert into ${telemetryHeldActivity} as h (email, machine, date, metric, detail, value)
          select ${email}, r.m, r.d, r.k, r.t, r.v from json_to_recordset(${JSON.stringify(rows)}::json) as ${ACTIVITY_RECORD}
          on conflict (email, machine, date, metric, detail) do update set value = h.value + excluded.value`);
      }
      receipts.push({
        sender: `email:${email || "(none)"}`,
        records: records.length,
        counted: 0,
        rejected: {},
        versions: versionsOf(records),
      });
    }
    await finish(tx, sender, "metrics", context, receipts, {
      records: read.points - read.activity.length,
      rejected: read.rejected,
    });
  });
  return {
    accepted: read.points - rejectedCount,
    rejected: rejectedCount,
    message: rejectionMessage(read.rejected),
  };
}

/**
 * Gives a user what a team key sent for their email while no user had it: the held events are counted as
 * theirs, and the held activity moves to their machines. Call in the transaction that set their email.
 */
export async function claimHeldTelemetry(tx: Db, user: Person, email: string, now = new Date()) {
  const address = email.toLowerCase();
  await lockUserUsage(tx, user.id);
  const events = await tx
    .update(telemetryEvents)
    .set({ userId: user.id })
    .where(and(isNull(telemetryEvents.userId), eq(telemetryEvents.email, address)))
    .returning();
  const activity = await tx
    .delete(telemetryHeldActivity)
    .where(eq(telemetryHeldActivity.email, address))
    .returning();
  const names = [...new Set([...events.map((e) => e.machine), ...activity.map((a) => a.machine)])];
  if (names.length === 0) return { events: 0, activity: 0 };
  const ids = await machineIds(tx, user.id, names, now);
  if (events.length) {
    const rows = events.map((e) => ({
      id: ids.get(e.machine)!,
      d: e.date,
      mo: e.model,
      p: e.provider,
      i: e.inputTokens,
      o: e.outputTokens,
      cw: e.cacheCreationTokens,
      cr: e.cacheReadTokens,
      c5: e.cacheCreation5mTokens,
      c1: e.cacheCreation1hTokens,
      c: e.cost,
    }));
    await tx.execute(sql`
      insert into ${telemetryUsage} as u (machine_id, user_id, date, model, provider, input_tokens, output_tokens,
        cache_creation_tokens, cache_read_tokens, cache_creation5m_tokens, cache_creation1h_tokens, cost, requests)
      select r.id, ${user.id}, r.d, r.mo, min(r.p)::provider, sum(r.i), sum(r.o), sum(r.cw), sum(r.cr), sum(r.c5),
        sum(r.c1), sum(r.c), count(*)
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as r(id int, d date, mo text, p text, i bigint, o bigint, cw bigint, cr bigint, c5 bigint, c1 bigint, c numeric)
      group by r.id, r.d, r.mo
      order by r.id, r.d, r.mo
      ${ADD_TO_TELEMETRY_USAGE}`);
    await addToCatalog(
      tx,
      events.map((e) => e.model),
    );
    await refreshReadModel(tx, user.id, [...new Set(events.map((e) => e.date))]);
  }
  if (activity.length) {
    const rows = activity.map((a) => ({
      id: ids.get(a.machine)!,
      d: a.date,
      k: a.metric,
      t: a.detail,
      v: a.value,
    }));
    await tx.execute(activityUpsert(user.id, rows));
  }
  return { events: events.length, activity: activity.length };
}
