import Link from "next/link";
import { UploaderInstructions } from "./uploader-instructions";

/** Shown when the URL's parameters cannot be used: says which, and offers the defaults. */
export function InvalidQuery({ message, resetHref }: { message: string; resetHref: string }) {
  return (
    <div
      role="alert"
      data-testid="invalid-query"
      className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p>{message}</p>
      <Link href={resetHref} className="underline">
        Show the last 30 days instead
      </Link>
    </div>
  );
}

/** Shown when the team has data, but none in the chosen period. */
export function NoUsageInPeriod({ origin }: { origin: string }) {
  return (
    <div
      data-testid="no-usage"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-semibold">No usage in this period</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Pick a longer period above, or upload recent usage:
      </p>
      <UploaderInstructions origin={origin} />
    </div>
  );
}

export function PageHeader({
  title,
  subtitle,
  csvHref,
}: {
  title: string;
  subtitle?: string;
  csvHref?: string;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {subtitle && <p className="text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p>}
      </div>
      {csvHref && (
        <a
          href={csvHref}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          download
          data-testid="csv-link"
        >
          Download CSV
        </a>
      )}
    </div>
  );
}
