import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { dateArray } from "./sql";

/**
 * Recomputes usage_stats and model_usage (what charts read) for one user's days from the raw
 * machine_usage slices, so the read model always equals the sum over that user's machines.
 * Then recomputes the monthly rollups of the months those days fall in from model_usage.
 * Call inside the transaction that changed the slices; a fixed eight statements for any number of days.
 */
export async function refreshReadModel(tx: Db, userId: number, dates: readonly string[]) {
  if (dates.length === 0) return;
  const days = dateArray(dates);

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
    delete from model_usage mu using usage_stats s
    where mu.usage_stats_id = s.id and s.user_id = ${userId} and s.date = any(${days})`);

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
}

/** First day of each distinct month of `dates`. */
export const monthsOf = (dates: readonly string[]) =>
  [...new Set(dates.map((d) => `${d.slice(0, 7)}-01`))].sort();

/**
 * Rebuilds one user's user_month_usage and user_model_month_usage rows for the months of `dates` from
 * model_usage (at most 31 days x models per month, read through the (user_id, date) index).
 */
async function refreshRollups(tx: Db, userId: number, dates: readonly string[]) {
  const months = dateArray(monthsOf(dates));
  const rows = sql`from model_usage
    where user_id = ${userId} and date_trunc('month', date)::date = any(${months})
      and date >= (select min(m) from unnest(${months}) m)
      and date < (select max(m) from unnest(${months}) m) + interval '1 month'`;
  const sums = sql`sum(input_tokens), sum(output_tokens), sum(cache_creation_tokens), sum(cache_read_tokens), sum(cost)`;

  await tx.execute(sql`delete from user_month_usage where user_id = ${userId} and month = any(${months})`);
  await tx.execute(sql`
    insert into user_month_usage (user_id, month, claude_only, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost, active_days)
    select user_id, date_trunc('month', date)::date, false, ${sums}, count(distinct date) ${rows}
    group by 1, 2
    union all
    select user_id, date_trunc('month', date)::date, true, ${sums}, count(distinct date) ${rows}
      and provider = 'anthropic'
    group by 1, 2`);

  await tx.execute(
    sql`delete from user_model_month_usage where user_id = ${userId} and month = any(${months})`,
  );
  await tx.execute(sql`
    insert into user_model_month_usage (user_id, month, model, provider, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost, days_mask)
    select user_id, date_trunc('month', date)::date, model, min(provider), ${sums},
      bit_or(1 << (extract(day from date)::int - 1)) ${rows}
    group by 1, 2, 3`);
}
