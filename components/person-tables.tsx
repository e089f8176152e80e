"use client";

import type { ModelTotals, PersonUsage } from "@/lib/stats/types";
import type { UsageTotals } from "@/lib/usage";
import { formatCompact, formatInteger, formatPercent, formatTime, formatUsd } from "@/lib/format";
import { CARD } from "@/components/ui/card";
import { PhoneSummary } from "@/components/ui/phone-summary";
import { Cost } from "./cost";

function Table({
  title,
  testId,
  head,
  keep,
  children,
}: {
  title: string;
  testId: string;
  head: string[];
  /** The column shown beside the row header on phones (its cells have class "keep" too). */
  keep: string;
  children: React.ReactNode;
}) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="font-semibold">{title}</h2>
      <div className={`${CARD} overflow-x-auto`}>
        <table
          className="stats-table stats-table-dense phone-rows w-full text-sm tabular-nums"
          data-testid={testId}
        >
          <caption className="sr-only">{title}</caption>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={`${i === 0 ? "keep" : "num"}${h === keep ? " keep" : ""}`}>
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

/** A day's row: its totals and how many models it used. */
export type DayRow = UsageTotals & { date: string; models: number };

/**
 * A person's model breakdown, machines and daily figures (`days` newest first, `dayCount` of the whole
 * period). A client component fed plain rows: as server-rendered markup, every cell is streamed as a
 * separate piece of the page. On phones each row is its name or date, the other figures under it, and the
 * cost.
 */
export function UsageTables({
  models,
  machines,
  days,
  dayCount,
  totalCost,
  csvHref,
}: {
  models: ModelTotals[];
  machines: PersonUsage["machines"];
  days: DayRow[];
  dayCount: number;
  totalCost: number;
  csvHref: string;
}) {
  return (
    <>
      {models.length > 0 && (
        <Table
          title="Models"
          testId="person-models"
          head={["Model", "Provider", "Cost", "Share", "Tokens", "Cache savings"]}
          keep="Cost"
        >
          {models.map((m) => (
            <tr key={m.model}>
              <th scope="row" title={m.model}>
                {m.name}
                <PhoneSummary
                  pairs={[
                    ["Provider", m.provider],
                    ["Share", totalCost ? formatPercent(m.cost / totalCost) : "-"],
                    ["Tokens", formatInteger(m.totalTokens)],
                    ["Savings", formatUsd(m.cacheSavings)],
                  ]}
                />
              </th>
              <td>{m.provider}</td>
              <td className="keep">
                <Cost totals={m} />
              </td>
              <td>{totalCost ? formatPercent(m.cost / totalCost) : "-"}</td>
              <td>{formatInteger(m.totalTokens)}</td>
              <td>{formatUsd(m.cacheSavings)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Table
        title="Machines"
        testId="person-machines"
        head={["Machine", "Last upload", "Last telemetry", "Active days", "Cost"]}
        keep="Cost"
      >
        {machines.map((m) => (
          <tr key={m.name}>
            <th scope="row">
              {m.name}
              <PhoneSummary
                pairs={[
                  ["Last upload", formatTime(m.lastUploadAt)],
                  ["Last telemetry", formatTime(m.lastTelemetryAt)],
                  ["Active days", m.activeDays],
                ]}
              />
            </th>
            <td className="whitespace-nowrap">{formatTime(m.lastUploadAt)}</td>
            <td className="whitespace-nowrap">{formatTime(m.lastTelemetryAt)}</td>
            <td>{m.activeDays}</td>
            <td className="keep">
              <Cost totals={m} testId="machine-cost" />
            </td>
          </tr>
        ))}
      </Table>
      {days.length > 0 && (
        <Table
          title="Daily usage"
          testId="person-daily"
          head={["Date", "Cost", "Input", "Output", "Cache write", "Cache read", "Total tokens", "Models"]}
          keep="Cost"
        >
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">
                <span className="whitespace-nowrap">{d.date}</span>
                <PhoneSummary
                  pairs={[
                    ["Tokens", formatCompact(d.totalTokens)],
                    ["Input", formatCompact(d.inputTokens)],
                    ["Output", formatCompact(d.outputTokens)],
                    ["Cache write", formatCompact(d.cacheCreationTokens)],
                    ["Cache read", formatCompact(d.cacheReadTokens)],
                    ["Models", d.models],
                  ]}
                />
              </th>
              <td className="keep">
                <Cost totals={d} testId="day-cost" />
              </td>
              <td>{formatInteger(d.inputTokens)}</td>
              <td>{formatInteger(d.outputTokens)}</td>
              <td>{formatInteger(d.cacheCreationTokens)}</td>
              <td>{formatInteger(d.cacheReadTokens)}</td>
              <td>{formatInteger(d.totalTokens)}</td>
              <td>{d.models}</td>
            </tr>
          ))}
        </Table>
      )}
      {dayCount > days.length && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="person-daily-more">
          The latest {days.length} of {dayCount} days;{" "}
          <a href={csvHref} className="underline">
            the CSV
          </a>{" "}
          has every day.
        </p>
      )}
    </>
  );
}
