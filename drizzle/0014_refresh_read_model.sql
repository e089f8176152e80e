-- Rebuilds one person's days and rollups from their usage as counted and priced (effective_usage:
-- telemetry where a day has any, uploads otherwise), and adds the change to the team's per-model days: one
-- statement per upload, telemetry export, deletion or price change (db/read-model.ts calls it).
-- This file is the function's source: `npm run db:generate` turns a change here into a migration.
CREATE OR REPLACE FUNCTION refresh_read_model(p_user integer, p_dates date[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  fresh jsonb;
  team_change jsonb;
  weeks date[];
  months date[];
  years date[];
  coarser rollup_kind;
  finer rollup_kind;
  targets date[];
BEGIN
  p_dates := array_remove(p_dates, NULL);
  IF coalesce(cardinality(p_dates), 0) = 0 THEN
    RETURN;
  END IF;

  -- The days' usage per model, as counted and priced: read once, used by every statement below.
  SELECT coalesce(jsonb_agg(f), '[]'::jsonb) INTO fresh
  FROM (
    SELECT date, model, min(provider) AS provider, sum(input_tokens) AS i, sum(output_tokens) AS o,
      sum(cache_creation_tokens) AS cw, sum(cache_read_tokens) AS cr, sum(cost) AS c, sum(priced_cost) AS pc,
      sum(unpriced_tokens) AS u, sum(cache_savings) AS s, sum(list_cost) AS l
    FROM effective_usage(p_user, p_dates) GROUP BY date, model) f;

  -- Before model_usage changes, what this user's change does to the team's per-day rows (new rows minus
  -- old model rows, changed rows only); applied last, so those shared rows stay locked only from there to
  -- the commit.
  SELECT coalesce(jsonb_agg(tc ORDER BY tc.date, tc.model), '[]'::jsonb) INTO team_change
  FROM (
    SELECT date, model, min(provider) AS provider, sum(i) AS i, sum(o) AS o, sum(cw) AS cw, sum(cr) AS cr,
      sum(c) AS c, sum(pc) AS pc, sum(u) AS u, sum(s) AS s, sum(l) AS l, sum(n)::int AS n
    FROM (
      SELECT date, model, provider, i, o, cw, cr, c, pc, u, s, l, 1 AS n
      FROM jsonb_to_recordset(fresh) AS f(date date, model varchar, provider provider, i bigint, o bigint,
        cw bigint, cr bigint, c numeric, pc numeric, u bigint, s numeric, l numeric)
      UNION ALL
      SELECT date, model, provider, -input_tokens, -output_tokens, -cache_creation_tokens, -cache_read_tokens,
        -cost, -priced_cost, -unpriced_tokens, -cache_savings, -list_cost, -1
      FROM model_usage WHERE user_id = p_user AND date = any(p_dates)) change
    GROUP BY date, model
    HAVING sum(n) <> 0 OR sum(i) <> 0 OR sum(o) <> 0 OR sum(cw) <> 0 OR sum(cr) <> 0 OR sum(c) <> 0
      OR sum(pc) <> 0 OR sum(u) <> 0 OR sum(s) <> 0 OR sum(l) <> 0) tc;

  INSERT INTO usage_stats AS s (user_id, date, input_tokens, output_tokens, cache_creation_tokens,
    cache_read_tokens, total_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost, updated_at)
  SELECT p_user, date, sum(i), sum(o), sum(cw), sum(cr), sum(i + o + cw + cr), sum(c), sum(pc), sum(u), sum(s),
    sum(l), now()
  FROM jsonb_to_recordset(fresh) AS f(date date, i bigint, o bigint, cw bigint, cr bigint, c numeric,
    pc numeric, u bigint, s numeric, l numeric)
  GROUP BY date
  ON CONFLICT (user_id, date) DO UPDATE SET
    input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
    cache_creation_tokens = excluded.cache_creation_tokens, cache_read_tokens = excluded.cache_read_tokens,
    total_tokens = excluded.total_tokens, cost = excluded.cost, priced_cost = excluded.priced_cost,
    unpriced_tokens = excluded.unpriced_tokens, cache_savings = excluded.cache_savings,
    list_cost = excluded.list_cost, updated_at = excluded.updated_at;

  -- Days whose last slice is gone (deleted machine or date range) disappear; model_usage cascades.
  DELETE FROM usage_stats s
  WHERE s.user_id = p_user AND s.date = any(p_dates)
    AND s.date NOT IN (SELECT (f ->> 'date')::date FROM jsonb_array_elements(fresh) f);

  DELETE FROM model_usage WHERE user_id = p_user AND date = any(p_dates);

  INSERT INTO model_usage (user_id, date, model, provider, input_tokens, output_tokens, cache_creation_tokens,
    cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost)
  SELECT p_user, date, model, provider, i, o, cw, cr, c, pc, u, s, l
  FROM jsonb_to_recordset(fresh) AS f(date date, model varchar, provider provider, i bigint, o bigint,
    cw bigint, cr bigint, c numeric, pc numeric, u bigint, s numeric, l numeric);

  -- The rollup buckets the dates fall in: weeks (a month's days 1-7, 8-14, 15-21, 22-28, 29-end, as in
  -- lib/period.ts), months and years; weeks sorted, since the first and last bound the days read below.
  SELECT array_agg(DISTINCT rollup_week(d) ORDER BY rollup_week(d)),
    array_agg(DISTINCT date_trunc('month', d::timestamp)::date),
    array_agg(DISTINCT date_trunc('year', d::timestamp)::date)
  INTO weeks, months, years
  FROM unnest(p_dates) d;

  DELETE FROM user_rollup WHERE user_id = p_user
    AND (kind = 'week' AND start = any(weeks) OR kind = 'month' AND start = any(months)
      OR kind = 'year' AND start = any(years));
  DELETE FROM user_model_rollup WHERE user_id = p_user
    AND (kind = 'week' AND start = any(weeks) OR kind = 'month' AND start = any(months)
      OR kind = 'year' AND start = any(years));

  -- Weeks from model_usage: per person (all providers, and Claude only), and per person and model.
  INSERT INTO user_rollup (user_id, kind, start, claude_only, input_tokens, output_tokens, cache_creation_tokens,
    cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost, active_days)
  SELECT user_id, 'week', rollup_week(date), claude_only, sum(input_tokens), sum(output_tokens),
    sum(cache_creation_tokens), sum(cache_read_tokens), sum(cost), sum(priced_cost), sum(unpriced_tokens),
    sum(cache_savings), sum(list_cost), count(DISTINCT date)
  FROM model_usage
  CROSS JOIN LATERAL (VALUES (false), (true)) AS flags(claude_only)
  WHERE user_id = p_user AND date BETWEEN weeks[1] AND weeks[cardinality(weeks)] + 6
    AND rollup_week(date) = any(weeks) AND (NOT claude_only OR provider = 'anthropic')
  GROUP BY user_id, 3, claude_only;
  INSERT INTO user_model_rollup (user_id, kind, start, model, provider, input_tokens, output_tokens,
    cache_creation_tokens, cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost)
  SELECT user_id, 'week', rollup_week(date), model, min(provider), sum(input_tokens), sum(output_tokens),
    sum(cache_creation_tokens), sum(cache_read_tokens), sum(cost), sum(priced_cost), sum(unpriced_tokens),
    sum(cache_savings), sum(list_cost)
  FROM model_usage
  WHERE user_id = p_user AND date BETWEEN weeks[1] AND weeks[cardinality(weeks)] + 6
    AND rollup_week(date) = any(weeks)
  GROUP BY user_id, 3, model;

  -- Each coarser bucket sums the finer ones inside it, which are complete by now: months from weeks,
  -- then years from months.
  FOREACH coarser IN ARRAY ARRAY['month', 'year']::rollup_kind[] LOOP
    finer := CASE coarser WHEN 'month' THEN 'week' ELSE 'month' END;
    targets := CASE coarser WHEN 'month' THEN months ELSE years END;
    INSERT INTO user_rollup (user_id, kind, start, claude_only, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost,
      active_days)
    SELECT user_id, coarser, date_trunc(coarser::text, start::timestamp)::date, claude_only, sum(input_tokens),
      sum(output_tokens), sum(cache_creation_tokens), sum(cache_read_tokens), sum(cost), sum(priced_cost),
      sum(unpriced_tokens), sum(cache_savings), sum(list_cost), sum(active_days)
    FROM user_rollup
    WHERE user_id = p_user AND kind = finer AND date_trunc(coarser::text, start::timestamp)::date = any(targets)
    GROUP BY user_id, 3, claude_only;
    INSERT INTO user_model_rollup (user_id, kind, start, model, provider, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost)
    SELECT user_id, coarser, date_trunc(coarser::text, start::timestamp)::date, model, min(provider),
      sum(input_tokens), sum(output_tokens), sum(cache_creation_tokens), sum(cache_read_tokens), sum(cost),
      sum(priced_cost), sum(unpriced_tokens), sum(cache_savings), sum(list_cost)
    FROM user_model_rollup
    WHERE user_id = p_user AND kind = finer AND date_trunc(coarser::text, start::timestamp)::date = any(targets)
    GROUP BY user_id, 3, model;
  END LOOP;

  -- The team's per-model days, in (date, model) order so concurrent uploads lock these shared rows in one
  -- order and queue instead of deadlocking; then rows nobody contributes to any more (only ever rows this
  -- transaction just brought to zero) are dropped.
  IF jsonb_array_length(team_change) > 0 THEN
    INSERT INTO model_day_usage AS t (date, model, provider, input_tokens, output_tokens, cache_creation_tokens,
      cache_read_tokens, cost, priced_cost, unpriced_tokens, cache_savings, list_cost, people)
    SELECT date, model, provider, i, o, cw, cr, c, pc, u, s, l, n
    FROM jsonb_to_recordset(team_change)
      AS x(date date, model varchar, provider provider, i bigint, o bigint, cw bigint, cr bigint, c numeric,
        pc numeric, u bigint, s numeric, l numeric, n int)
    ORDER BY date, model
    ON CONFLICT (date, model) DO UPDATE SET
      input_tokens = t.input_tokens + excluded.input_tokens, output_tokens = t.output_tokens + excluded.output_tokens,
      cache_creation_tokens = t.cache_creation_tokens + excluded.cache_creation_tokens,
      cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens, cost = t.cost + excluded.cost,
      priced_cost = t.priced_cost + excluded.priced_cost, unpriced_tokens = t.unpriced_tokens + excluded.unpriced_tokens,
      cache_savings = t.cache_savings + excluded.cache_savings, list_cost = t.list_cost + excluded.list_cost,
      people = t.people + excluded.people;
    DELETE FROM model_day_usage
    WHERE date IN (SELECT (x ->> 'date')::date FROM jsonb_array_elements(team_change) x) AND people = 0;
  END IF;
END
$$;
