-- A person's usage of some days as the dashboard counts it, one row per machine, day and model: a day with
-- any telemetry is counted from telemetry (telemetry_usage), every other day from uploads (machine_usage),
-- so a person-day never counts twice. Priced here: the cost shown is the sender's where it priced the
-- tokens, else the list price (model_price), else nothing, and those tokens are unpriced; with the team's
-- cost mode "list", the list price wherever there is one. The list price of all the tokens is kept beside
-- it (list_cost, 0 where there is none). refresh_read_model builds the read model from it.
-- This file is the function's source: `npm run db:generate` turns a change here into a migration.
-- Dropped first: its columns changed when prices came (CREATE OR REPLACE cannot change them).
DROP FUNCTION IF EXISTS effective_usage(integer, date[]);--> statement-breakpoint
CREATE OR REPLACE FUNCTION effective_usage(p_user integer, p_dates date[])
RETURNS TABLE (date date, model varchar, provider provider, input_tokens bigint, output_tokens bigint,
  cache_creation_tokens bigint, cache_read_tokens bigint, cost numeric, priced_cost numeric,
  unpriced_tokens bigint, cache_savings numeric, list_cost numeric, machine_id integer)
LANGUAGE sql STABLE AS $$
  WITH counted AS (
    SELECT t.date, t.model, t.provider, t.input_tokens, t.output_tokens, t.cache_creation_tokens,
      t.cache_read_tokens, t.cache_creation1h_tokens AS hour_writes, t.cost, t.machine_id
    FROM telemetry_usage t WHERE t.user_id = p_user AND t.date = any(p_dates)
    UNION ALL
    -- ccusage does not split cache writes by duration: all are priced as 5-minute writes.
    SELECT m.date, m.model, m.provider, m.input_tokens, m.output_tokens, m.cache_creation_tokens,
      m.cache_read_tokens, 0, m.cost, m.machine_id
    FROM machine_usage m WHERE m.user_id = p_user AND m.date = any(p_dates)
      AND NOT EXISTS (SELECT 1 FROM telemetry_usage t WHERE t.user_id = p_user AND t.date = m.date)),
  priced AS (
    SELECT c.*,
      round((c.input_tokens * p.input + c.output_tokens * p.output + c.cache_read_tokens * p.cache_read
        + (c.cache_creation_tokens - c.hour_writes) * p.cache_write + c.hour_writes * p.cache_write1h)
        / 1000000, 10) AS list_cost,
      round(c.cache_read_tokens * greatest(p.input - p.cache_read, 0) / 1000000, 10) AS savings,
      c.cost <= 0 OR (SELECT s.cost_mode = 'list' FROM team_settings s WHERE s.id = 1) AS prefer_list
    FROM counted c LEFT JOIN LATERAL model_price(c.model, c.date) p ON true)
  SELECT date, model, provider, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens,
    CASE WHEN prefer_list AND list_cost IS NOT NULL THEN list_cost ELSE cost END,
    CASE WHEN prefer_list AND list_cost IS NOT NULL THEN list_cost ELSE 0 END,
    CASE WHEN cost <= 0 AND list_cost IS NULL
      THEN input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens ELSE 0 END,
    coalesce(savings, 0), coalesce(list_cost, 0), machine_id
  FROM priced
$$;
