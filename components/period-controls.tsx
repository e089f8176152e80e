import Link from "next/link";
import type { Period } from "@/lib/period";
import { RANGE_LABELS, RANGES } from "@/lib/period";
import { PROVIDER_FILTERS } from "@/lib/stats/labels";
import { withParams } from "@/lib/url";
import { DATE_INPUT, SMALL_INPUT } from "@/components/ui/input";
import { autoBucket, BUCKET_NAMES, BUCKETS, type Bucket } from "@/lib/charts/buckets";
import { REFRESH_INTERVALS } from "@/lib/charts/refresh";
import { AutoRefresh } from "./auto-refresh";
import type { StatsQuery } from "@/lib/stats/query";

type Params = Record<string, string | undefined>;

const pill = (active: boolean) =>
  `rounded-full px-3 py-1 text-sm whitespace-nowrap ${
    active
      ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
      : "text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
  }`;

/**
 * Period presets, custom from/to and the provider filter, all kept in the URL (plain links and a GET form);
 * on pages with cost charts (`charts`), their bars per day, week or month and the previous period.
 */
export function PeriodControls({
  view: { params, query, scope, bucket, groups = [] },
  charts = true,
}: {
  view: {
    params: Params;
    query: Pick<StatsQuery, "compare" | "refresh">;
    scope: { period: Period; provider: string; group?: { name: string } | null };
    bucket: Bucket;
    groups?: { name: string; displayName: string }[];
  };
  charts?: boolean;
}) {
  const { period, provider } = scope;
  const group = scope.group?.name;
  // Already checked by the query's schema: the URL's own values, parsed.
  const { compare, refresh } = query;
  return (
    <div className="flex flex-col gap-3" data-testid="period-controls">
      <nav aria-label="Period" className="flex flex-wrap gap-1">
        {RANGES.filter((r) => r !== "custom").map((range) => (
          <Link
            key={range}
            href={withParams(params, { range, from: undefined, to: undefined })}
            className={pill(period.range === range)}
            aria-current={period.range === range ? "page" : undefined}
          >
            {RANGE_LABELS[range]}
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3 text-sm">
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Custom period">
          {Object.entries(params)
            .filter(([key, value]) => !["range", "from", "to"].includes(key) && value !== undefined)
            .map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
          <input type="hidden" name="range" value="custom" />
          <label className="flex flex-col gap-1">
            <span className="text-xs text-zinc-500 dark:text-zinc-400">From</span>
            <input
              {...DATE_INPUT}
              name="from"
              defaultValue={period.from}
              required
              className={`${SMALL_INPUT} w-28`}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-zinc-500 dark:text-zinc-400">To</span>
            <input
              {...DATE_INPUT}
              name="to"
              defaultValue={period.to}
              required
              className={`${SMALL_INPUT} w-28`}
            />
          </label>
          <button type="submit" className={pill(period.range === "custom")}>
            Apply
          </button>
        </form>
        <nav aria-label="Providers" className="flex gap-1">
          {Object.entries(PROVIDER_FILTERS).map(([value, label]) => (
            <Link
              key={value}
              href={withParams(params, { provider: value === "all" ? undefined : value })}
              className={pill(provider === value)}
              aria-current={provider === value ? "page" : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
        {groups.length > 0 && (
          <nav aria-label="Group" className="flex flex-wrap items-center gap-1">
            <span className="mr-1 text-xs text-zinc-500 dark:text-zinc-400">Group</span>
            {[{ name: undefined, displayName: "Everyone" }, ...groups].map((g) => (
              <Link
                key={g.name ?? ""}
                href={withParams(params, { group: g.name })}
                className={pill(group === g.name)}
                aria-current={group === g.name ? "page" : undefined}
                title={g.name}
              >
                {g.displayName}
              </Link>
            ))}
          </nav>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        {charts && (
          <nav aria-label="Bars per" className="flex items-center gap-1">
            <span className="mr-1 text-xs text-zinc-500 dark:text-zinc-400">Bars per</span>
            {BUCKETS.map((b) => (
              <Link
                key={b}
                href={withParams(params, { bucket: b === autoBucket(period.days) ? undefined : b })}
                className={pill(bucket === b)}
                aria-current={bucket === b ? "page" : undefined}
              >
                {BUCKET_NAMES[b].toLowerCase()}
              </Link>
            ))}
          </nav>
        )}
        {charts && period.previous && (
          <Link
            href={withParams(params, { compare: compare ? undefined : "previous" })}
            className={pill(compare === "previous")}
            aria-pressed={compare === "previous"}
            role="button"
            title={`${period.previous.from} to ${period.previous.to}`}
          >
            Compare with previous period
          </Link>
        )}
        <nav aria-label="Auto-refresh" className="flex items-center gap-1">
          <span className="mr-1 text-xs text-zinc-500 dark:text-zinc-400">Auto-refresh</span>
          {[undefined, ...REFRESH_INTERVALS].map((r) => (
            <Link
              key={r ?? "off"}
              href={withParams(params, { refresh: r })}
              className={pill(refresh === r)}
              aria-current={refresh === r ? "page" : undefined}
            >
              {r ?? "off"}
            </Link>
          ))}
        </nav>
      </div>
      {refresh && <AutoRefresh interval={refresh} />}
      <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="period-label">
        {period.from === period.to ? period.from : `${period.from} to ${period.to}`} ({period.days}{" "}
        {period.days === 1 ? "day" : "days"}){group && ` · group ${group} only`}
      </p>
    </div>
  );
}
