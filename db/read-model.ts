import { sql, type SQL } from "drizzle-orm";
import { bucketStart, type BucketKind } from "@/lib/period";
import { addDays } from "@/lib/dates";
import type { Db } from "./client";
import { dateArray, queryRows } from "./sql";
import { SUMMED_USAGE as SUMS, USAGE_COLUMNS as USAGE } from "./usage-columns";

/**
 * Serialises changes to one user's usage (uploads, deletions) until the transaction ends, so each sees
 * the previous one's result. Take it before reading or writing the user's slices.
 */
export const lockUserUsage = (tx: Db, userId: number) =>
  tx.execute(sql`select pg_advisory_xact_lock(7272, ${userId})`);

/**
 * Recomputes usage_stats and model_usage (what charts read) for one user's days from the raw
 * machine_usage slices, so the read model always equals the sum over that user's machines, and keeps
 * the rollups (the team's per model and day, the person's per year, month and week) equal to it.
 * Call inside the transaction that changed the slices; a fixed fifteen statements for any number of days.
 */
export async function refreshReadModel(tx: Db, userId: number, dates: readonly string[]) {
  if (dates.length === 0) return;
  const days = dateArray(dates);

  // Before model_usage changes, read what this user's change does to the team's per-day rows (new slices
  // minus old model rows, changed rows only); it is applied last, so those shared rows stay locked only
  // from there to the commit.
  const teamChange = await queryRows<Record<string, unknown>>(
    tx,
    sql`select date::text as date, model, min(provider) as provider, sum(i)::text as i, sum(o)::text as o,
          sum(cw)::text as cw, sum(cr)::text as cr, sum(c)::text as c, sum(n)::int as n
        from (
          select date, model, min(provider) as provider, sum(input_tokens) i, sum(output_tokens) o,
            sum(cache_creation_tokens) cw, sum(cache_read_tokens) cr, sum(cost) c, 1 n
          from machine_usage where user_id = ${userId} and date = any(${days}) group by date, model
          union all
          select date, model, provider, -input_tokens, -output_tokens, -cache_creation_tokens, -cache_read_tokens,
            -cost, -1
          from model_usage where user_id = ${userId} and date = any(${days})) change
        group by date, model
        having sum(n) <> 0 or sum(i) <> 0 or sum(o) <> 0 or sum(cw) <> 0 or sum(cr) <> 0 or sum(c) <> 0`,
  );

  await tx.execute(sql`
    insert into usage_stats as s (user_id, date, input_tokens, output_tokens, cache_creation_tokens,
      cache_read_tokens, total_tokens, cost, updated_at)
    select user_id, date, sum(input_tokens), sum(output_tokens), sum(cache_creation_tokens), sum(cache_read_tokens),
      sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens), sum(cost), now()
    from machine_usage
    where user_id = ${userId} and date = any(${days})
    group by user_id, date
    on conflict (user_id, date) do update set
      input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
      cache_creation_tokens = excluded.cache_creation_tokens, cache_read_tokens = excluded.cache_read_tokens,
      total_tokens = excluded.total_tokens, cost = excluded.cost, updated_at = excluded.updated_at`);

  // Days whose last slice is gone (deleted machine or date range) disappear; model_usage cascades.
  await tx.execute(sql`
    delete from usage_stats s
    where s.user_id = ${userId} and s.date = any(${days})
      and not exists (select 1 from machine_usage m where m.user_id = s.user_id and m.date = s.date)`);

  await tx.execute(sql`
    delete from model_usage where user_id = ${userId} and date = any(${days})`);

  await tx.execute(sql`
    insert into model_usage (usage_stats_id, user_id, date, model, provider, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost)
    select s.id, s.user_id, s.date, m.model, min(m.provider), sum(m.input_tokens), sum(m.output_tokens),
      sum(m.cache_creation_tokens), sum(m.cache_read_tokens), sum(m.cost)
    from machine_usage m
    join usage_stats s on s.user_id = m.user_id and s.date = m.date
    where m.user_id = ${userId} and m.date = any(${days})
    group by s.id, m.model`);

  await refreshRollups(tx, userId, dates);
  await applyTeamChange(tx, teamChange);
}

/**
 * Adds a change to model_day_usage in (date, model) order, so concurrent uploads lock the shared rows in
 * one order and queue instead of deadlocking; then drops rows nobody contributes to any more (only ever
 * rows this transaction just brought to zero). Sums travel as text, so costs stay exact.
 */
async function applyTeamChange(tx: Db, change: Record<string, unknown>[]) {
  if (change.length === 0) return;
  await tx.execute(sql`
    insert into model_day_usage as t (date, model, provider, input_tokens, output_tokens, cache_creation_tokens,
      cache_read_tokens, cost, people)
    select date, model, provider, i, o, cw, cr, c, n
    from jsonb_to_recordset(${JSON.stringify(change)}::jsonb)
      as x(date date, model varchar, provider provider, i bigint, o bigint, cw bigint, cr bigint, c numeric, n int)
    order by date, model
    on conflict (date, model) do update set
      input_tokens = t.input_tokens + excluded.input_tokens, output_tokens = t.output_tokens + excluded.output_tokens,
      cache_creation_tokens = t.cache_creation_tokens + excluded.cache_creation_tokens,
      cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens, cost = t.cost + excluded.cost,
      people = t.people + excluded.people`);
  await tx.execute(sql`delete from model_day_usage where date = any(${dateArray(change.map((r) => String(r.date)))})
    and people = 0`);
}

// The first day of a date's week bucket (days 1-7, 8-14, 15-21, 22-28, 29-end of its month).
const WEEK_START = sql.raw("(date_trunc('month', date)::date + (extract(day from date)::int - 1) / 7 * 7)");

/** The starts of the week, month and year buckets that `dates` fall in. */
function bucketsOf(dates: readonly string[]) {
  const starts = (kind: BucketKind) => [...new Set(dates.map((d) => bucketStart(kind, d)))].sort();
  return { week: starts("week"), month: starts("month"), year: starts("year") };
}

// The two per-person rollup tables: their weeks from model_usage (`days` is the FROM/WHERE clause), and
// what identifies a row besides (user, kind, start) and what it sums, for rolling weeks up.
const ROLLUPS = [
  {
    table: sql.raw("user_rollup"),
    keys: sql.raw("claude_only"),
    measures: sql.raw(`${USAGE}, active_days`),
    sums: sql.raw(`${SUMS}, sum(active_days)`),
    weeks: (
      days: SQL,
    ) => sql`insert into user_rollup (user_id, kind, start, claude_only, ${sql.raw(USAGE)}, active_days)
      select user_id, 'week'::rollup_kind, ${WEEK_START}, false, ${sql.raw(SUMS)}, count(distinct date) ${days}
      group by 1, 2, 3
      union all
      select user_id, 'week'::rollup_kind, ${WEEK_START}, true, ${sql.raw(SUMS)}, count(distinct date) ${days}
        and provider = 'anthropic'
      group by 1, 2, 3`,
  },
  {
    table: sql.raw("user_model_rollup"),
    keys: sql.raw("model, provider"),
    measures: sql.raw(USAGE),
    sums: sql.raw(SUMS),
    weeks: (
      days: SQL,
    ) => sql`insert into user_model_rollup (user_id, kind, start, model, provider, ${sql.raw(USAGE)})
      select user_id, 'week'::rollup_kind, ${WEEK_START}, model, min(provider), ${sql.raw(SUMS)} ${days}
      group by 1, 2, 3, 4`,
  },
];

/**
 * Rebuilds one user's user_rollup and user_model_rollup buckets that contain `dates`: weeks from
 * model_usage (at most 7 days x models each, through the (user_id, date) index), then months from
 * their weeks and years from their months. Eight statements however many buckets.
 */
async function refreshRollups(tx: Db, userId: number, dates: readonly string[]) {
  const b = bucketsOf(dates);
  const starts = { week: dateArray(b.week), month: dateArray(b.month), year: dateArray(b.year) };
  const touched = sql`user_id = ${userId} and (kind = 'week' and start = any(${starts.week})
    or kind = 'month' and start = any(${starts.month}) or kind = 'year' and start = any(${starts.year}))`;
  const days = sql`from model_usage where user_id = ${userId}
    and date between ${b.week[0]} and ${addDays(b.week.at(-1)!, 6)} and ${WEEK_START} = any(${starts.week})`;

  for (const { table, keys, measures, sums, weeks } of ROLLUPS) {
    await tx.execute(sql`delete from ${table} where ${touched}`);
    await tx.execute(weeks(days));
    // Each coarser bucket sums the finer ones inside it, which are complete by now.
    for (const [finer, coarser] of [
      ["week", "month"],
      ["month", "year"],
    ] as const) {
      const unit = sql.raw(`'${coarser}'`); // a constant: 'month' or 'year'
      await tx.execute(sql`
        insert into ${table} (user_id, kind, start, ${keys}, ${measures})
        select user_id, ${unit}, date_trunc(${unit}, start)::date, ${keys}, ${sums}
        from ${table} where user_id = ${userId} and kind = ${sql.raw(`'${finer}'`)}
          and date_trunc(${unit}, start)::date = any(${starts[coarser]})
        group by user_id, 3, ${keys}`);
    }
  }
}
