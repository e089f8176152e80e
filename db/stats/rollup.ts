import { sql, type SQL } from "drizzle-orm";
import { splitByMonth, type DateSpan } from "@/lib/period";
import { dateArray } from "../sql";
import { providerFilter, type Scope } from "./scope";

// Long periods read the monthly rollups (db/read-model.ts keeps them exact) for every month they fully
// cover and model_usage only for the days of partly covered months, so all time costs about a dozen
// rows per person instead of hundreds.

const SUMS = sql.raw(
  "sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, " +
    "sum(cache_creation_tokens) as cache_creation_tokens, sum(cache_read_tokens) as cache_read_tokens, sum(cost) as cost",
);
const USAGE = sql.raw("input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost");
const MONTH = sql.raw("date_trunc('month', date)::date");

function edgeDays(days: DateSpan[]): SQL {
  return sql.join(
    days.map((d) => sql`date between ${d.from} and ${d.to}`),
    sql` or `,
  );
}

/**
 * One person's usage in `span`, as rows of (user_id, month, input_tokens, output_tokens,
 * cache_creation_tokens, cache_read_tokens, cost, active_days): sum them per person for the span's
 * totals; active days add up because the rows' days never overlap.
 */
export function userUsageRows(scope: Scope, span: DateSpan, where: SQL = sql`true`): SQL {
  const { months, days } = splitByMonth(span, scope.data);
  const parts: SQL[] = [];
  if (months.length)
    parts.push(sql`select user_id, month, ${USAGE}, active_days from user_month_usage
      where claude_only = ${scope.provider === "claude"} and month = any(${dateArray(months)}) and (${where})`);
  if (days.length)
    parts.push(sql`select user_id, ${MONTH} as month, ${SUMS}, count(distinct date) as active_days
      from model_usage where (${edgeDays(days)})${providerFilter(scope)} and (${where})
      group by 1, 2`);
  return union(parts, sql`select user_id, month, ${USAGE}, active_days from user_month_usage where false`);
}

/**
 * Per person, model and month usage in `span`: (user_id, model, provider, month, input_tokens, …, cost,
 * days_mask), where bit d-1 of days_mask is day d of the month (bit_or + bit_count give distinct days).
 */
export function userModelUsageRows(scope: Scope, span: DateSpan, where: SQL = sql`true`): SQL {
  const { months, days } = splitByMonth(span, scope.data);
  const parts: SQL[] = [];
  if (months.length)
    parts.push(sql`select user_id, model, provider, month, ${USAGE}, days_mask from user_model_month_usage
      where month = any(${dateArray(months)})${providerFilter(scope)} and (${where})`);
  if (days.length)
    parts.push(sql`select user_id, model, min(provider) as provider, ${MONTH} as month, ${SUMS},
        bit_or(1 << (extract(day from date)::int - 1)) as days_mask
      from model_usage where (${edgeDays(days)})${providerFilter(scope)} and (${where})
      group by 1, 2, 4`);
  return union(
    parts,
    sql`select user_id, model, provider, month, ${USAGE}, days_mask from user_model_month_usage where false`,
  );
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
