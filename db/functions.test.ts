import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { bucketStart } from "@/lib/period";
import { bodyOf, functionSources, latestMigrated } from "@/scripts/db-functions";
import { describeEachDriver } from "@/test/database";

// The SQL functions have one source each (db/functions/*.sql) that migrations are generated from.

it("every function's source is in its latest migration (npm run db:generate writes it)", () => {
  const sources = functionSources();
  expect(sources.map((s) => s.name)).toEqual([
    "effective_usage",
    "model_price",
    "refresh_read_model",
    "rollup_week",
  ]);
  for (const source of sources) expect(latestMigrated(source.name), source.name).toBe(source.statement);
});

describeEachDriver("SQL functions", ({ database }) => {
  it("are in the database exactly as their sources say", async () => {
    for (const source of functionSources()) {
      const [fn] = await database().rows<{ body: string }>(
        sql`select prosrc as body from pg_proc where proname = ${source.name}`,
      );
      expect(fn?.body, source.name).toBe(bodyOf(source.statement));
    }
  });

  it("put every day of two years in the same week bucket as lib/period.ts", async () => {
    const days = await database().rows<{ day: string; week: string }>(
      sql`select d::date::text as day, rollup_week(d::date)::text as week
          from generate_series('2024-01-01'::date, '2025-12-31'::date, interval '1 day') d`,
    );
    expect(days).toHaveLength(731);
    const differ = days.filter((d) => bucketStart("week", d.day) !== d.week);
    expect(differ).toEqual([]);
  });
});
