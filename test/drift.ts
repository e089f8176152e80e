// Consistency checks for the derived tables, as plain SQL so the database suites (Drizzle) and the fault
// test (a bare postgres-js client) run the very same check. Each returns the offending rows: none is right.

const SUMS = `sum(input_tokens) i, sum(output_tokens) o, sum(cache_creation_tokens) cw, sum(cache_read_tokens) cr,
  sum(cost) c, sum(priced_cost) pc, sum(unpriced_tokens) u, sum(cache_savings) s, sum(list_cost) l`;
const PRICED = "cost, priced_cost, unpriced_tokens, cache_savings, list_cost";

// Every bucket computed straight from the daily rows (not from the finer buckets, as the app does).
const BUCKETS = ["week", "month", "year"]
  .map((kind) => {
    const start =
      kind === "week"
        ? `date_trunc('month', date)::date + (extract(day from date)::int - 1) / 7 * 7`
        : `date_trunc('${kind}', date)::date`;
    return `select '${kind}'::rollup_kind as kind, ${start} as start, * from model_usage`;
  })
  .join(" union all ");

/** Rollups that differ from the aggregate of model_usage (missing, extra or wrong rows). */
export const ROLLUP_DRIFT_SQL = `
  with bucketed as (${BUCKETS}),
  expected_user as (
    select user_id, kind, start, false as claude_only, ${SUMS}, count(distinct date) d
    from bucketed group by 1, 2, 3
    union all
    select user_id, kind, start, true, ${SUMS}, count(distinct date)
    from bucketed where provider = 'anthropic' group by 1, 2, 3),
  stored_user as (
    select user_id, kind, start, claude_only, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens,
      ${PRICED}, active_days from user_rollup),
  expected_model as (select user_id, kind, start, model, min(provider) p, ${SUMS} from bucketed group by 1, 2, 3, 4),
  stored_model as (
    select user_id, kind, start, model, provider, input_tokens, output_tokens, cache_creation_tokens,
      cache_read_tokens, ${PRICED} from user_model_rollup),
  expected_day as (select date, model, min(provider) p, ${SUMS}, count(*) n from model_usage group by 1, 2),
  stored_day as (
    select date, model, provider, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, ${PRICED},
      people
    from model_day_usage)
  (select 'user_rollup missing or wrong' as problem, user_id, kind || ' ' || start as bucket, null as model
    from (select * from expected_user except select * from stored_user) x)
  union all
  (select 'user_rollup extra or wrong', user_id, kind || ' ' || start, null
    from (select * from stored_user except select * from expected_user) x)
  union all
  (select 'user_model_rollup missing or wrong', user_id, kind || ' ' || start, model
    from (select * from expected_model except select * from stored_model) x)
  union all
  (select 'user_model_rollup extra or wrong', user_id, kind || ' ' || start, model
    from (select * from stored_model except select * from expected_model) x)
  union all
  (select 'model_day_usage missing or wrong', null, date::text, model
    from (select * from expected_day except select * from stored_day) x)
  union all
  (select 'model_day_usage extra or wrong', null, date::text, model
    from (select * from stored_day except select * from expected_day) x)`;

const TOKENS = "input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens";

/**
 * model_usage rows that differ from the sum of the raw rows, priced, and days whose totals differ. A
 * person-day with telemetry counts its telemetry_usage rows, any other day its machine_usage (upload)
 * slices. Pricing written out again here, apart from the app's SQL functions: the sender's cost where it
 * is above zero (unless the team shows list prices), else the list price of the day (the latest override
 * with prices, else the latest default), else none and the tokens are unpriced. The list price is kept
 * beside it (0 where there is none).
 */
export const READ_MODEL_DRIFT_SQL = `
  with telemetry_days as (select distinct user_id, date from telemetry_usage),
  counted as (
    select user_id, date, model, ${TOKENS}, cache_creation1h_tokens as hour_writes, cost from telemetry_usage
    union all
    select user_id, date, model, ${TOKENS}, 0, cost from machine_usage
    where (user_id, date) not in (select user_id, date from telemetry_days)),
  listed as (
    select c.*,
      case when o.input is not null then o.input else d.input end as p_in,
      case when o.input is not null then o.output else d.output end as p_out,
      case when o.input is not null then o.cache_read else d.cache_read end as p_read,
      case when o.input is not null then o.cache_write else d.cache_write end as p_write,
      case when o.input is not null then o.cache_write1h else d.cache_write1h end as p_write_1h
    from counted c
    left join model_catalog k on k.model = c.model
    left join lateral (select * from model_prices p where p.price_key = k.price_key and p.source = 'override'
      and p.effective_from <= c.date order by p.effective_from desc limit 1) o on true
    left join lateral (select * from model_prices p where p.price_key = k.price_key and p.source = 'default'
      and p.effective_from <= c.date order by p.effective_from desc limit 1) d on true),
  costed as (
    select *, round((input_tokens * p_in + output_tokens * p_out + cache_read_tokens * p_read
        + (cache_creation_tokens - hour_writes) * p_write + hour_writes * p_write_1h) / 1000000, 10) as list,
      (cost <= 0 or (select cost_mode = 'list' from team_settings)) as use_list
    from listed),
  priced as (
    select user_id, date, model, ${TOKENS},
      case when use_list and list is not null then list else cost end as cost,
      case when use_list and list is not null then list else 0 end as priced_cost,
      case when cost <= 0 and list is null
        then input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens else 0 end as unpriced_tokens,
      coalesce(round(cache_read_tokens * greatest(p_in - p_read, 0) / 1000000, 10), 0) as cache_savings,
      coalesce(list, 0) as list_cost
    from costed),
  raw as (select user_id, date, model, ${SUMS} from priced group by 1, 2, 3),
  read as (select user_id, date, model, ${TOKENS}, ${PRICED} from model_usage)
  (select 'model_usage missing or wrong' as problem, user_id, date::text, model
    from (select * from raw except select * from read) x)
  union all
  (select 'model_usage extra or wrong', user_id, date::text, model from (select * from read except select * from raw) x)
  union all
  (select 'usage_stats differs from its model rows', s.user_id, s.date::text, null
    from usage_stats s
    left join (select user_id, date, ${SUMS} from model_usage group by 1, 2) m
      on m.user_id = s.user_id and m.date = s.date
    where m.user_id is null or s.input_tokens <> m.i or s.output_tokens <> m.o
      or s.cache_creation_tokens <> m.cw or s.cache_read_tokens <> m.cr or s.cost <> m.c
      or s.priced_cost <> m.pc or s.unpriced_tokens <> m.u or s.cache_savings <> m.s or s.list_cost <> m.l
      or s.total_tokens <> s.input_tokens + s.output_tokens + s.cache_creation_tokens + s.cache_read_tokens)`;
