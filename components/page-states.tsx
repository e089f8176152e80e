import Link from "next/link";
import { UploaderInstructions } from "./uploader-instructions";
import { CARD } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { DataBounds } from "@/lib/period";
import { withParams } from "@/lib/url";
import { customRange } from "@/lib/period";

/** A dashboard page's frame. */
export function DashboardMain({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">{children}</main>;
}

/** A dashboard page whose parameters cannot be used: its header, what is wrong, and the way back. */
export function InvalidQueryPage(props: {
  title: string;
  subtitle?: string;
  message: string;
  resetHref: string;
}) {
  return (
    <DashboardMain>
      <PageHeader title={props.title} subtitle={props.subtitle} />
      <InvalidQuery message={props.message} resetHref={props.resetHref} />
    </DashboardMain>
  );
}

/** Shown when the URL's parameters cannot be used: says which, and offers the defaults. */
export function InvalidQuery({ message, resetHref }: { message: string; resetHref: string }) {
  return (
    <Alert tone="error" role="alert" data-testid="invalid-query" className="space-y-2">
      <p>{message}</p>
      <Link href={resetHref} className="underline">
        Show the last 30 days instead
      </Link>
    </Alert>
  );
}

/**
 * Shown when there is data, but none in the chosen period: says when the data is from (the team's, or
 * the person's on a person page) and links to that range, the page's other choices kept.
 */
export function NoUsageInPeriod({
  origin,
  data,
  params,
}: {
  origin: string;
  data: DataBounds;
  params: Record<string, string | undefined>;
}) {
  const { earliest, latest } = data;
  const shown = earliest && latest ? customRange(earliest, latest) : null;
  return (
    <div data-testid="no-usage" className={`${CARD} space-y-3 p-6`}>
      <h2 className="font-semibold">No usage in this period</h2>
      {earliest && latest && shown && (
        <p className="text-sm" data-testid="data-range">
          Data from {earliest} to {latest}.{" "}
          <Link href={withParams(params, shown)} className="font-medium underline">
            Show {shown.from === latest ? latest : `${shown.from} to ${latest}`}
          </Link>
        </p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Pick another period above, or upload recent usage:
      </p>
      <UploaderInstructions origin={origin} />
    </div>
  );
}

export function PageHeader({
  title,
  subtitle,
  csvHref,
  children,
}: {
  title: string;
  subtitle?: string;
  csvHref?: string;
  /** More about the subject, under the subtitle. */
  children?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {subtitle && <p className="text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p>}
        {children}
      </div>
      {csvHref && (
        <a href={csvHref} className={buttonClass("outline", "sm")} download data-testid="csv-link">
          Download CSV
        </a>
      )}
    </div>
  );
}
