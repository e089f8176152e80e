import type { Metadata } from "next";
import { ChartCard } from "@/components/charts/chart-card";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { ActivityCards } from "@/components/activity-cards";
import { DashboardMain, InvalidQueryPage, PageHeader } from "@/components/page-states";
import { PeriodControls } from "@/components/period-controls";
import { StatCard } from "@/components/stat-card";
import { CARD } from "@/components/ui/card";
import { getAdoption } from "@/db/stats/adoption";
import { formatInteger } from "@/lib/format";
import { withParams } from "@/lib/url";
import { barsOf } from "@/lib/charts/buckets";
import { requirePageReader } from "@/server/auth/access";
import { loadDashboard, type SearchParams } from "@/server/stats/page";

export const metadata: Metadata = { title: "Adoption" };

export default async function AdoptionPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageReader("/adoption");
  const view = await loadDashboard(searchParams);
  if (!view.ok) return <InvalidQueryPage title="Adoption" message={view.error} resetHref="/adoption" />;
  const { params, scope } = view;
  const adoption = await getAdoption(scope);
  const people = adoption.days.map((d) => ({
    date: d.date,
    values: { people: d.activePeople, telemetry: d.telemetryPeople },
  }));
  const sessions = adoption.days.map((d) => ({ date: d.date, values: { sessions: d.sessions } }));
  const peopleBars = barsOf(people, "day");
  const sessionBars = barsOf(sessions, "day");
  return (
    <DashboardMain>
      <PageHeader
        title="Adoption"
        subtitle="How the team uses Claude Code"
        csvHref={`/api/v1/adoption${withParams(params, { format: "csv" })}`}
      />
      <PeriodControls view={view} charts={false} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="Active people"
          value={formatInteger(adoption.activePeople)}
          testId="adoption-people"
        />
      </div>
      <ActivityCards activity={adoption.activity} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartCard
          title="Active people per day"
          table={{
            ...peopleBars,
            keys: ["people", "telemetry"],
            unit: "count",
            labels: { people: "With usage", telemetry: "Sending telemetry" },
          }}
        >
          <StackedBarChart
            {...peopleBars}
            keys={["people"]}
            unit="count"
            labels={{ people: "Active people" }}
          />
        </ChartCard>
        <ChartCard title="Sessions per day" table={{ ...sessionBars, keys: ["sessions"], unit: "count" }}>
          <StackedBarChart
            {...sessionBars}
            keys={["sessions"]}
            unit="count"
            labels={{ sessions: "Sessions" }}
          />
        </ChartCard>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className={`${CARD} space-y-2 p-4`} aria-label="Active people per week">
          <h2 className="font-semibold">Active people per week</h2>
          <ul className="text-sm tabular-nums" data-testid="adoption-weeks">
            {adoption.weeks.map((w) => (
              <li key={w.week}>
                Week of {w.week}: {w.activePeople}
              </li>
            ))}
          </ul>
        </section>
        <section className={`${CARD} space-y-2 p-4`} aria-label="Claude Code versions">
          <h2 className="font-semibold">Claude Code versions</h2>
          {adoption.versions.length === 0 ? (
            <p className="text-sm text-zinc-500">No telemetry in this period.</p>
          ) : (
            <ul className="text-sm" data-testid="adoption-versions">
              {adoption.versions.map((v) => (
                <li key={v.version}>
                  {v.version}: {v.people} {v.people === 1 ? "person" : "people"}, {formatInteger(v.requests)}{" "}
                  requests
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </DashboardMain>
  );
}
