import Link from "next/link";
import type { IngestResult } from "@/db/upload";
import { formatInteger, formatUsd } from "@/lib/format";
import { Alert } from "@/components/ui/alert";
import { withParams } from "@/lib/url";
import { customRange } from "@/lib/period";

const RESULT_LABEL = {
  inserted: "new",
  updated: "updated",
  unchanged: "unchanged",
  "kept-higher": "kept higher",
} as const;

/** What an upload did (or, for a dry run, would do), day by day. */
export function UploadResult({ result }: { result: IngestResult }) {
  const { summary, totals } = result;
  // Once stored, the uploaded days are one click away: on the person's page and on the leaderboard.
  const period = summary.from && summary.to ? withParams({}, customRange(summary.from, summary.to)) : "";
  return (
    <div data-testid="upload-result" className="space-y-4 text-sm">
      <p className="font-medium" role="status">
        {result.dryRun ? "Preview: " : "Uploaded: "}
        {summary.days} {summary.days === 1 ? "day" : "days"}
        {summary.from && ` from ${summary.from} to ${summary.to}`} for {result.user} on machine “
        {result.machine}”. {summary.inserted} new, {summary.updated} updated, {summary.unchanged} unchanged,{" "}
        {summary.keptHigher} kept higher.
      </p>
      {!result.dryRun && (
        <p className="flex flex-wrap gap-x-4 gap-y-1" data-testid="upload-links">
          <Link href={`/users/${encodeURIComponent(result.user)}${period}`} className="font-medium underline">
            See {result.user}&rsquo;s usage for these days
          </Link>
          <Link href={`/${period}`} className="underline">
            The leaderboard for these days
          </Link>
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Cost", formatUsd(totals.cost)],
          ["Tokens", formatInteger(totals.totalTokens)],
          ["Models", String(summary.models.length)],
          ["Days", String(summary.days)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md bg-zinc-100 p-3 dark:bg-zinc-800">
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`upload-${label.toLowerCase()}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {result.warnings.map((w) => (
        <Alert tone="warning" as="p" key={w.code}>
          {w.message}
        </Alert>
      ))}
      <div className="overflow-x-auto">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">Days in the report</caption>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-4 font-medium">Date</th>
              <th className="py-1 pr-4 font-medium">Result</th>
              <th className="py-1 pr-4 text-right font-medium">Models</th>
              <th className="py-1 pr-4 text-right font-medium">Tokens</th>
              <th className="py-1 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody>
            {result.days.map((day) => (
              <tr key={day.date} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-1 pr-4">{day.date}</td>
                <td className="py-1 pr-4">{RESULT_LABEL[day.result]}</td>
                <td className="py-1 pr-4 text-right">{day.models}</td>
                <td className="py-1 pr-4 text-right">{formatInteger(day.stored.totalTokens)}</td>
                <td className="py-1 text-right">{formatUsd(day.stored.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
