import type { PersonUsage } from "@/db/stats/person";
import { formatInteger, formatPercent, formatUsd } from "@/lib/format";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const td = "px-3 py-1.5";

function Table({
  title,
  testId,
  head,
  children,
}: {
  title: string;
  testId: string;
  head: string[];
  children: React.ReactNode;
}) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-sm tabular-nums" data-testid={testId}>
          <caption className="sr-only">{title}</caption>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={`${th} ${i === 0 ? "text-left" : "text-right"}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}

const row = "border-t border-zinc-100 dark:border-zinc-800";

// Long periods list only the latest days: a year of rows is megabytes of HTML; the CSV has every day.
const MAX_DAY_ROWS = 62;

/** A person's model breakdown, machines and raw daily figures. */
export function UsageTables({ usage, csvHref }: { usage: PersonUsage; csvHref: string }) {
  const total = usage.totals.cost;
  const days = usage.days.slice(-MAX_DAY_ROWS).reverse();
  return (
    <>
      {usage.models.length > 0 && (
        <Table title="Models" testId="person-models" head={["Model", "Provider", "Cost", "Share", "Tokens"]}>
          {usage.models.map((m) => (
            <tr key={m.model} className={row}>
              <th scope="row" className={`${td} text-left font-normal`}>
                {m.model}
              </th>
              <td className={`${td} text-right`}>{m.provider}</td>
              <td className={`${td} text-right`}>{formatUsd(m.cost)}</td>
              <td className={`${td} text-right`}>{total ? formatPercent(m.cost / total) : "-"}</td>
              <td className={`${td} text-right`}>{formatInteger(m.totalTokens)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Table
        title="Machines"
        testId="person-machines"
        head={["Machine", "Last upload", "Active days", "Cost"]}
      >
        {usage.machines.map((m) => (
          <tr key={m.name} className={row}>
            <th scope="row" className={`${td} text-left font-normal`}>
              {m.name}
            </th>
            <td className={`${td} text-right`}>
              {m.lastUploadAt ? `${m.lastUploadAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "-"}
            </td>
            <td className={`${td} text-right`}>{m.activeDays}</td>
            <td className={`${td} text-right`}>{formatUsd(m.cost)}</td>
          </tr>
        ))}
      </Table>
      {usage.days.length > 0 && (
        <Table
          title="Daily usage"
          testId="person-daily"
          head={["Date", "Cost", "Input", "Output", "Cache write", "Cache read", "Total tokens", "Models"]}
        >
          {days.map((d) => (
            <tr key={d.date} className={row}>
              <th scope="row" className={`${td} text-left font-normal`}>
                {d.date}
              </th>
              <td className={`${td} text-right`}>{formatUsd(d.cost)}</td>
              <td className={`${td} text-right`}>{formatInteger(d.inputTokens)}</td>
              <td className={`${td} text-right`}>{formatInteger(d.outputTokens)}</td>
              <td className={`${td} text-right`}>{formatInteger(d.cacheCreationTokens)}</td>
              <td className={`${td} text-right`}>{formatInteger(d.cacheReadTokens)}</td>
              <td className={`${td} text-right`}>{formatInteger(d.totalTokens)}</td>
              <td className={`${td} text-right`}>{d.models.length}</td>
            </tr>
          ))}
        </Table>
      )}
      {usage.days.length > days.length && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="person-daily-more">
          The latest {days.length} of {usage.days.length} days;{" "}
          <a href={csvHref} className="underline">
            the CSV
          </a>{" "}
          has every day.
        </p>
      )}
    </>
  );
}
