-- One model's list price on one day, USD per million tokens: the admins' override from its day on where
-- there is one (an override row without prices ends it, so the price book's applies again), else the price
-- book's; no row when neither has a price. The model's price key comes from model_catalog (lib/prices).
-- This file is the function's source: `npm run db:generate` turns a change here into a migration.
CREATE OR REPLACE FUNCTION model_price(p_model varchar, p_date date)
RETURNS TABLE (input numeric, output numeric, cache_read numeric, cache_write numeric, cache_write1h numeric)
LANGUAGE sql STABLE AS $$
  WITH key AS (SELECT price_key FROM model_catalog WHERE model = p_model),
  latest AS (
    SELECT DISTINCT ON (p.source) p.source, p.input, p.output, p.cache_read, p.cache_write, p.cache_write1h
    FROM model_prices p JOIN key ON p.price_key = key.price_key
    WHERE p.effective_from <= p_date
    ORDER BY p.source, p.effective_from DESC)
  SELECT input, output, cache_read, cache_write, cache_write1h
  FROM latest
  WHERE input IS NOT NULL
  ORDER BY source DESC -- 'override' before 'default'
  LIMIT 1
$$;
