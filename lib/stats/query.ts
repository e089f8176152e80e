import { z } from "zod";
import { formatPath } from "../ccusage/parse";
import { AppError } from "../errors";
import { calendarDateSchema, MAX_CUSTOM_DAYS, RANGES } from "../period";
import { daysBetween } from "../dates";
import { BUCKETS } from "../charts/buckets";
import { REFRESH_INTERVALS } from "../charts/refresh";
import { groupNameSchema } from "../group-name";

// The one query object for every dashboard view: pages parse it from searchParams, the JSON and CSV
// endpoints from the URL, so `?range=90d&provider=claude` means the same thing everywhere.

const date = calendarDateSchema;

export const statsQuerySchema = z
  .object({
    range: z.enum(RANGES, `must be one of ${RANGES.join(", ")}`).optional(),
    from: date.optional(),
    to: date.optional(),
    provider: z.enum(["all", "claude"], 'must be "all" or "claude"').default("all"),
    // Only this group's members (an unknown name is refused when the scope is resolved).
    group: groupNameSchema.optional(),
    sort: z
      .enum(["cost", "tokens", "cache", "savings", "lines", "sessions", "active"], {
        error: 'must be "cost", "tokens", "cache", "savings", "lines", "sessions" or "active"',
      })
      .default("cost"),
    limit: z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(100),
    format: z.enum(["json", "csv"], 'must be "json" or "csv"').default("json"),
    // Pages' charts: bars per day, week or month (the period's own choice when absent).
    bucket: z.enum(BUCKETS, 'must be "day", "week" or "month"').optional(),
    // Pages only: the previous period drawn on the cost charts, token charts without cache reads, and a
    // wall screen's refresh interval.
    compare: z.enum(["previous"], 'must be "previous"').optional(),
    tokens: z.enum(["all", "no-cache-reads"], 'must be "all" or "no-cache-reads"').default("all"),
    refresh: z.enum(REFRESH_INTERVALS, `must be one of ${REFRESH_INTERVALS.join(", ")}`).optional(),
  })
  .transform((q, ctx) => {
    const custom =
      q.range === "custom" || (q.range === undefined && (q.from !== undefined || q.to !== undefined));
    if (!custom) {
      if (q.from || q.to)
        ctx.addIssue({ code: "custom", path: ["from"], message: "from/to go with range=custom only" });
      return { ...q, range: q.range ?? "30d" };
    }
    if (!q.from || !q.to) {
      ctx.addIssue({
        code: "custom",
        path: [q.from ? "to" : "from"],
        message: "is required for a custom range",
      });
      return z.NEVER;
    }
    if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
    else if (daysBetween(q.from, q.to) > MAX_CUSTOM_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be within 10 years of from" });
    return { ...q, range: "custom" as const };
  });

export type StatsQuery = z.output<typeof statsQuerySchema>;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

/** Parses dashboard parameters; AppError("invalid") names each bad one. */
export function parseStatsQuery(params: Params): StatsQuery {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const raw: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") raw[key] = first;
  }
  const result = statsQuerySchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  throw new AppError(
    "invalid",
    `Invalid parameters: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`,
    { problems },
  );
}
