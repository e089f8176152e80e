import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { dateArray } from "./sql";

/**
 * Recomputes usage_stats and model_usage (what charts read) for one user's days from the raw
 * machine_usage slices, so the read model always equals the sum over that user's machines.
 * Call inside the transaction that changed the slices; a fixed four statements for any number of days.
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
}
