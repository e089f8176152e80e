import { sql, type SQL } from "drizzle-orm";
import { splitSpan, type Bucket, type DateSpan } from "@/lib/period";
import { eachDay } from "@/lib/dates";
import { ROLLUP_KINDS } from "../schema";
import { dateArray } from "../sql";
import { columnForms, USAGE, USAGE_FORMS } from "./sums";
import type { Scope } from "@/lib/stats/scope";
import { memberFilter, providerFilter } from "./scope";

// Periods read the per-person rollups (db/read-model.ts keeps them exact) for every whole year, month
// and week they cover, and daily rows only for the leftover days at either end; a bucket the period
// covers nearly whole is read whole and the days it does not cover are subtracted (lib/period.ts
// splitSpan). So all time costs a row or two per person and 30 days four or five.

// Each whole-bucket kind and the leftover days are separate branches with one `= any(array)` each: an
// OR of ranges would turn into a bitmap scan of scattered heap pages, while this way every branch is one
// index-only scan over the covering read indexes (db/schema.ts).

/** One condition per rollup kind that has whole buckets: `kind = 'week' and start = any(…)`. */
function bucketFilters(buckets: Bucket[]): SQL[] {
  return ROLLUP_KINDS.map(
    (kind) => [kind, buckets.filter((b) => b.kind === kind).map((b) => b.from)] as const,
  )
    .filter(([, starts]) => starts.length > 0)
    .map(([kind, starts]) => sql`kind = ${kind} and start = any(${dateArray(starts)})`);
}

/** `date = any(…)` over every leftover day (at most six at either end of a span). */
function dayFilter(days: DateSpan[]): SQL {
  return sql`date = any(${dateArray(days.flatMap((d) => eachDay(d.from, d.to)))})`;
}

/** The columns userUsageRows gives: every usage field, or the cost alone (less to read and sum). */
const FIELDS = { usage: USAGE_FORMS, cost: columnForms(["cost"]) };

/**
 * Each person's usage in `span` as rows of (user_id, input_tokens, output_tokens, cache_creation_tokens,
 * cache_read_tokens, cost, …, active_days), or (user_id, cost, active_days) with `fields` "cost", of the
 * people `where` picks (all by default): sum them per person for the span's totals; active days add up
 * because the rows' days never overlap.
 */
export function userUsageRows(
  scope: Scope,
  span: DateSpan,
  { where = sql`true`, fields = "usage" }: { where?: SQL; fields?: keyof typeof FIELDS } = {},
): SQL {
  where = sql`${where}${memberFilter(scope)}`;
  const { plain, summed, minus, minusSummed } = FIELDS[fields];
  const { buckets, days, minusDays } = splitSpan(span, scope.data);
  const parts = bucketFilters(buckets).map(
    (whole) => sql`select user_id, ${plain}, active_days from user_rollup
      where ${whole} and claude_only = ${scope.provider === "claude"} and (${where})`,
  );
  // Single days: usage_stats has one row per person and day (all providers), model_usage one per model.
  const daily = (spans: DateSpan[], subtract: boolean) => {
    if (!spans.length) return;
    if (scope.provider === "all")
      parts.push(sql`select user_id, ${subtract ? minus : plain}, ${sql.raw(subtract ? "-1" : "1")} as active_days
        from usage_stats where ${dayFilter(spans)} and (${where})`);
    else
      parts.push(sql`select user_id, ${subtract ? minusSummed : summed},
        ${sql.raw(subtract ? "-" : "")}count(distinct date) as active_days
        from model_usage where ${dayFilter(spans)}${providerFilter(scope)} and (${where})
        group by user_id`);
  };
  daily(days, false);
  daily(minusDays, true);
  return union(parts, sql`select user_id, ${plain}, active_days from user_rollup where false`);
}

/** Each person's usage of each model in `span`: rows of (user_id, model, provider, input_tokens, …, cost). */
export function userModelUsageRows(scope: Scope, span: DateSpan, where: SQL = sql`true`): SQL {
  where = sql`${where}${memberFilter(scope)}`;
  const { buckets, days, minusDays } = splitSpan(span, scope.data);
  const parts = bucketFilters(buckets).map(
    (whole) => sql`select user_id, model, provider, ${USAGE} from user_model_rollup
      where ${whole}${providerFilter(scope)} and (${where})`,
  );
  if (days.length)
    parts.push(sql`select user_id, model, provider, ${USAGE}
      from model_usage where ${dayFilter(days)}${providerFilter(scope)} and (${where})`);
  if (minusDays.length)
    parts.push(sql`select user_id, model, provider, ${USAGE_FORMS.minus}
      from model_usage where ${dayFilter(minusDays)}${providerFilter(scope)} and (${where})`);
  return union(parts, sql`select user_id, model, provider, ${USAGE} from user_model_rollup where false`);
}

/**
 * Each person's cost in `span` as rows of (user_id, date, cost), for sums per calendar bucket. Per month
 * (`byMonth`) they are the rollups' whole months and weeks, dated by their first day (each lies in one
 * month), and the leftover days; otherwise one row per person and day, from the daily read model.
 */
export function userDatedCostRows(scope: Scope, span: DateSpan, byMonth: boolean, where: SQL): SQL {
  where = sql`${where}${memberFilter(scope)}`;
  const daily = (days: SQL, cost = sql`cost`) =>
    scope.provider === "all"
      ? sql`select user_id, date, ${cost} from usage_stats where ${days} and (${where})`
      : sql`select user_id, date, ${cost} from model_usage where ${days}${providerFilter(scope)} and (${where})`;
  if (!byMonth) return daily(sql`date between ${span.from} and ${span.to}`);
  const { buckets, days, minusDays } = splitSpan(span, scope.data, "month");
  const parts = bucketFilters(buckets).map(
    (whole) => sql`select user_id, start as date, cost from user_rollup
      where ${whole} and claude_only = ${scope.provider === "claude"} and (${where})`,
  );
  if (days.length) parts.push(daily(dayFilter(days)));
  if (minusDays.length) parts.push(daily(dayFilter(minusDays), sql`-cost as cost`));
  return union(parts, sql`select user_id, start as date, cost from user_rollup where false`);
}

/** The parts joined by union all; `empty` (no rows, same columns) when there are none. */
function union(parts: SQL[], empty: SQL): SQL {
  return parts.length ? sql.join(parts, sql` union all `) : empty;
}

/** Rows of the current period tagged p = 0 and, when there is one, of the previous period tagged p = 1. */
export function withPrevious(scope: Scope, rows: (span: DateSpan) => SQL): SQL {
  const current = sql`select 0 as p, * from (${rows(scope.period)}) c`;
  return scope.period.previous
    ? sql`${current} union all select 1 as p, * from (${rows(scope.period.previous)}) v`
    : current;
}
