-- A person's usage of some days as the dashboard counts it, one row per machine, day and model: a day with
-- any telemetry is counted from telemetry (telemetry_usage), every other day from uploads (machine_usage),
-- so a person-day never counts twice. refresh_read_model builds the read model from it.
-- This file is the function's source: `npm run db:generate` turns a change here into a migration.
CREATE OR REPLACE FUNCTION effective_usage(p_user integer, p_dates date[])
RETURNS TABLE (date date, model varchar, provider provider, input_tokens bigint, output_tokens bigint,
  cache_creation_tokens bigint, cache_read_tokens bigint, cost numeric)
LANGUAGE sql STABLE AS $$
  SELECT t.date, t.model, t.provider, t.input_tokens, t.output_tokens, t.cache_creation_tokens,
    t.cache_read_tokens, t.cost
  FROM telemetry_usage t WHERE t.user_id = p_user AND t.date = any(p_dates)
  UNION ALL
  SELECT m.date, m.model, m.provider, m.input_tokens, m.output_tokens, m.cache_creation_tokens,
    m.cache_read_tokens, m.cost
  FROM machine_usage m WHERE m.user_id = p_user AND m.date = any(p_dates)
    AND NOT EXISTS (SELECT 1 FROM telemetry_usage t WHERE t.user_id = p_user AND t.date = m.date)
$$;
