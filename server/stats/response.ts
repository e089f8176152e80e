import "server-only";
import type { Scope } from "@/lib/stats/scope";
import { csvResponse, toCsv, type CsvColumn } from "@/lib/csv";
import type { StatsQuery } from "@/lib/stats/query";

/** The period block every stats response starts with, so a reader knows exactly what was counted. */
export function describeScope(scope: Scope) {
  const { range, from, to, days, previous } = scope.period;
  const group = scope.group && { name: scope.group.name, displayName: scope.group.displayName };
  return {
    period: { range, from, to, days, previous, timezone: scope.timezone },
    provider: scope.provider,
    // Only with ?group=, so answers without it stay as they were.
    ...(group ? { group } : {}),
  };
}

/** JSON (`body`), or CSV of `rows` when the query asks for format=csv. */
export function statsResponse<T>(
  query: StatsQuery,
  scope: Scope,
  name: string,
  body: Record<string, unknown>,
  csv: { columns: CsvColumn<T>[]; rows: readonly T[] },
): Response {
  if (query.format === "csv") {
    return csvResponse(
      `${name}-${scope.period.from}-to-${scope.period.to}.csv`,
      toCsv(csv.columns, csv.rows),
    );
  }
  return Response.json({ ...describeScope(scope), ...body }, { headers: { "Cache-Control": "no-store" } });
}
