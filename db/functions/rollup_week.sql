-- The first day of a date's week bucket: a month's days 1-7, 8-14, 15-21, 22-28 and 29 to its end (the
-- same rule as bucketStart in lib/period.ts; db/functions.test.ts checks they agree).
-- This file is the function's source: `npm run db:generate` turns a change here into a migration.
CREATE OR REPLACE FUNCTION rollup_week(d date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT d - (extract(day FROM d)::int - 1) % 7 $$;
