import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { canSeePerson, requirePageReader } from "@/server/auth/access";
import { BarList } from "@/components/charts/bar-list";
import { CalendarHeatmap } from "@/components/charts/calendar-heatmap";
import { ChartCard } from "@/components/charts/chart-card";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { DashboardMain, InvalidQueryPage, NoUsageInPeriod, PageHeader } from "@/components/page-states";
import { PeriodControls } from "@/components/period-controls";
import { CostTokenCards, StatCard } from "@/components/stat-card";
import { ActivityCards } from "@/components/activity-cards";
import { UsageTables } from "@/components/person-tables";
import { hasActivity } from "@/lib/stats/activity";
import { findPerson } from "@/server/queries";
import { getPersonCalendar, getPersonUsage } from "@/db/stats/person";
import { getPreviousDailyCost } from "@/db/stats/previous";
import { TokenSwitch } from "@/components/charts/token-switch";
import { getStanding } from "@/db/stats/standing";
import { PersonStanding } from "@/components/person-standing";
import { PersonBudget } from "@/components/budget-bar";
import { getBudgetStatuses } from "@/db/budgets/status";
import { cacheReadShare } from "@/lib/usage";
import { formatPercent, formatUsd } from "@/lib/format";
import { loadDashboard, readLater, type SearchParams } from "@/server/stats/page";
import { calendarCosts, latestDays, personSeries } from "@/lib/stats/person-series";
import { requestOrigin } from "@/server/http";
import { decodeSegment } from "@/lib/path-segment";
import { withParams } from "@/lib/url";
import { chartOf } from "@/lib/charts/buckets";
import { formatCost } from "@/components/cost";

type Props = { params: Promise<{ username: string }>; searchParams: SearchParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).username) ?? "Not found" };
}

export default async function PersonPage({ params, searchParams }: Props) {
  const username = decodeSegment((await params).username)?.toLowerCase();
  if (username === undefined) notFound();
  const reader = await requirePageReader(`/users/${encodeURIComponent(username)}`);
  // Neither needs the other: one round trip, not two.
  const [person, view] = await Promise.all([findPerson(username), loadDashboard(searchParams)]);
  if (!person || !canSeePerson(reader, person)) notFound();
  const here = `/users/${encodeURIComponent(person.username)}`;
  if (!view.ok) {
    return (
      <InvalidQueryPage
        title={person.displayName}
        subtitle={person.username}
        message={view.error}
        resetHref={here}
      />
    );
  }
  const { params: search, query, scope, bucket } = view;
  const csvHref = `/api/v1/users/${encodeURIComponent(person.username)}/usage${withParams(search, { format: "csv" })}`;
  // The team-wide statements (rank and share, this month's budget) are awaited by their own parts.
  const standing = readLater(getStanding({ scope, userId: person.id }));
  const budgets = readLater(getBudgetStatuses({ userId: person.id }, undefined, scope));
  const [usage, calendar, previousDaily] = await Promise.all([
    getPersonUsage(scope, person.id),
    getPersonCalendar(scope, person.id),
    query.compare ? getPreviousDailyCost(scope, { userId: person.id }) : null,
  ]);
  const series = personSeries(usage, scope.period, { withoutCacheReads: query.tokens === "no-cache-reads" });
  const cost = chartOf(series.cost, bucket, previousDaily);
  const tokens = chartOf(series.tokens, bucket);
  const { totals, previous } = usage;
  const perDay = (t: { cost: number; activeDays: number } | null) =>
    t && t.activeDays ? t.cost / t.activeDays : null;
  const share = cacheReadShare(totals);

  return (
    <DashboardMain>
      <PageHeader title={person.displayName} subtitle={person.username} csvHref={csvHref}>
        <PersonStanding standing={standing} />
      </PageHeader>
      <PeriodControls view={view} />
      <PersonBudget budgets={budgets} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        <CostTokenCards label="Cost" totals={totals} previous={previous} testIdPrefix="person" />
        <StatCard
          label="Active days"
          value={String(totals.activeDays)}
          current={totals.activeDays}
          previous={previous?.activeDays}
          testId="person-days"
        />
        <StatCard
          label="Cost per active day"
          value={perDay(totals) === null ? "-" : formatUsd(perDay(totals)!)}
          current={perDay(totals)}
          previous={perDay(previous)}
        />
        <StatCard
          label="Cache reads"
          value={share === null ? "-" : formatPercent(share)}
          hint="Share of input-side tokens read from the cache"
          testId="person-cache"
        />
      </div>
      {hasActivity(usage.activity) && <ActivityCards activity={usage.activity} />}
      {usage.days.length === 0 ? (
        <NoUsageInPeriod origin={requestOrigin(await headers())} data={calendar.data} params={search} />
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <ChartCard title={`Cost per ${bucket} by model`} table={{ ...cost, unit: "usd" }}>
              <StackedBarChart {...cost} unit="usd" />
            </ChartCard>
            <ChartCard
              title={`Tokens per ${bucket} by type`}
              table={{ ...tokens, unit: "tokens" }}
              actions={<TokenSwitch params={search} />}
            >
              <StackedBarChart {...tokens} unit="tokens" />
            </ChartCard>
          </div>
          <ChartCard title="Cost by model">
            <BarList
              label="Cost by model"
              items={usage.models.map((m) => ({
                key: m.model,
                label: m.name,
                title: m.model,
                value: m.cost,
                display: formatCost(m),
                href: `/models/${encodeURIComponent(m.model)}${withParams(search, {})}`,
              }))}
            />
          </ChartCard>
        </>
      )}
      <ChartCard title={`Activity, ${calendar.from} to ${calendar.to}`}>
        <CalendarHeatmap {...calendarCosts(calendar)} />
      </ChartCard>
      <UsageTables
        models={usage.models}
        machines={usage.machines}
        days={latestDays(usage)}
        dayCount={usage.days.length}
        totalCost={totals.cost}
        csvHref={csvHref}
      />
    </DashboardMain>
  );
}
