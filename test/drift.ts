// Consistency checks for the derived tables, as plain SQL so the database suites (Drizzle) and the fault
// test (a bare postgres-js client) run the very same check. Each returns the offending rows: none is right.

const SUMS = `sum(input_tokens) i, sum(output_tokens) o, sum(cache_creation_tokens) cw, sum(cache_read_tokens) cr, sum(cost) c`;

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
      cost, active_days from user_rollup),
  expected_model as (select user_id, kind, start, model, min(provider) p, ${SUMS} from bucketed group by 1, 2, 3, 4),
  stored_model as (
    select user_id, kind, start, model, provider, input_tokens, output_tokens, cache_creation_tokens,
      cache_read_tokens, cost from user_model_rollup),
  expected_day as (select date, model, min(provider) p, ${SUMS}, count(*) n from model_usage group by 1, 2),
  stored_day as (
    select date, model, provider, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost, people
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

const USAGE = "input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost";

/**
 * model_usage rows that differ from the sum of the raw rows, and days whose totals differ. A person-day
 * with telemetry counts its telemetry_usage rows, any other day its machine_usage (upload) slices.
 */
export const READ_MODEL_DRIFT_SQL = `
  with telemetry_days as (select distinct user_id, date from telemetry_usage),
  counted as (
    select user_id, date, model, ${USAGE} from telemetry_usage
    union all
    select user_id, date, model, ${USAGE} from machine_usage
    where (user_id, date) not in (select user_id, date from telemetry_days)),
  raw as (select user_id, date, model, ${SUMS} from counted group by 1, 2, 3),
  read as (select user_id, date, model, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost
    from model_usage)
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
      or s.total_tokens <> s.input_tokens + s.output_tokens + s.cache_creation_tokens + s.cache_read_tokens)`;
