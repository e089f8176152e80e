import Link from "next/link";
import { headers } from "next/headers";
import { requirePageReader } from "@/server/auth/access";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { chartOf } from "@/lib/charts/buckets";
import { ChartCard } from "@/components/charts/chart-card";
import { GettingStarted } from "@/components/getting-started";
import { HealthStatus } from "@/components/health-status";
import { LeaderboardTable } from "@/components/leaderboard-table";
import { TeamBudgets } from "@/components/budget-bar";
import { getBudgetStatuses } from "@/db/budgets/status";
import { DashboardMain, InvalidQueryPage, NoUsageInPeriod, PageHeader } from "@/components/page-states";
import { PeriodControls } from "@/components/period-controls";
import { CostTokenCards, StatCard } from "@/components/stat-card";
import { getLeaderboard, getTeamDailyCost, type StackBy } from "@/db/stats/leaderboard";
import { getPreviousDailyCost } from "@/db/stats/previous";
import { getGroupComparison } from "@/db/stats/groups";
import { GroupComparison } from "@/components/group-comparison";
import { costTrend } from "@/lib/charts/spark";
import { databaseHealth, dataBounds, groupNames, teamSettings } from "@/server/queries";
import { formatUsd } from "@/lib/format";
import { hasActivity } from "@/lib/stats/activity";
import { loadDashboard, type SearchParams } from "@/server/stats/page";
import { requestOrigin } from "@/server/http";
import { withParams } from "@/lib/url";
import { APP_NAME, APP_VERSION } from "@/lib/version";

export default async function LeaderboardPage({ searchParams }: { searchParams: SearchParams }) {
  const origin = requestOrigin(await headers());
  const health = await databaseHealth();
  // Read at once, each once per request (loadDashboard below reuses them): the data's bounds, the access
  // check (also in the layout; kept where the data is read) and the group picker's names.
  const [bounds] = health.reachable
    ? await Promise.all([dataBounds(), requirePageReader("/"), groupNames()])
    : [undefined];
  const hasUsage = bounds && bounds.earliest !== null;
  if (!hasUsage) {
    return (
      <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10">
        <h1 className="text-3xl font-semibold tracking-tight">{APP_NAME}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Who on your team spends what on Claude Code, on which models, over time.
        </p>
        {hasUsage !== undefined && <GettingStarted origin={origin} />}
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Status</h2>
          <HealthStatus health={health} version={APP_VERSION} />
        </section>
      </main>
    );
  }

  const view = await loadDashboard(searchParams);
  const team = await teamSettings();
  if (!view.ok) return <InvalidQueryPage title={team.teamName} message={view.error} resetHref="/" />;
  const { params, query, scope, bucket } = view;
  const stack: StackBy = params.stack === "model" ? "model" : "person";
  const [board, series, previous, budgets, comparison] = await Promise.all([
    getLeaderboard(scope, { ...query, trend: bucket }),
    getTeamDailyCost(scope, stack),
    query.compare ? getPreviousDailyCost(scope) : null,
    // This month's team and group budgets, whatever the period shown.
    getBudgetStatuses({ withoutPersonal: true }, undefined, scope),
    view.groups.length > 0 ? getGroupComparison(scope) : [],
  ]);
  const { team: totals, previousTeam: before } = board;
  const apiQuery = withParams(params, { stack: undefined, format: "csv" });
  const showActivity = hasActivity(totals.activity);
  const chart = chartOf(series, bucket, previous);

  return (
    <DashboardMain>
      <PageHeader title={team.teamName} subtitle="Leaderboard" csvHref={`/api/v1/leaderboard${apiQuery}`} />
      <PeriodControls view={view} />
      <TeamBudgets budgets={budgets} group={scope.group?.id} />
      {board.rows.length === 0 ? (
        <NoUsageInPeriod origin={origin} data={scope.data} params={params} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
            <CostTokenCards label="Team cost" totals={totals} previous={before} testIdPrefix="team" />
            <StatCard
              label="Active people"
              value={String(totals.activePeople)}
              current={totals.activePeople}
              previous={before?.activePeople}
              testId="team-people"
            />
            <StatCard
              label="Cost per active day"
              value={totals.costPerActiveDay === null ? "-" : formatUsd(totals.costPerActiveDay)}
              current={totals.costPerActiveDay}
              previous={before?.costPerActiveDay}
              testId="team-cost-per-day"
              hint="Average cost per person on the days they used Claude Code"
            />
          </div>
          <ChartCard
            title={`Team cost per ${bucket}, by ${stack}`}
            table={{ ...chart, unit: "usd" }}
            actions={
              <nav aria-label="Stack by" className="flex gap-2 text-sm">
                {(["person", "model"] as const).map((by) => (
                  <Link
                    key={by}
                    href={withParams(params, { stack: by === "person" ? undefined : by })}
                    aria-current={stack === by ? "true" : undefined}
                    className={stack === by ? "font-medium underline" : "text-zinc-500 hover:underline"}
                  >
                    By {by}
                  </Link>
                ))}
              </nav>
            }
          >
            <StackedBarChart {...chart} unit="usd" />
          </ChartCard>
          <LeaderboardTable
            rows={board.rows.map(({ activity, trend, ...row }) => ({
              ...row,
              // Sent to the browser with the page: only what the table shows.
              activity: showActivity
                ? {
                    sessions: activity.sessions,
                    active_seconds: activity.active_seconds,
                    lines_added: activity.lines_added,
                  }
                : undefined,
              trend: costTrend(trend ?? [], bucket),
            }))}
            params={params}
            sort={query.sort}
            showActivity={showActivity}
          />
          {comparison.length > 0 && <GroupComparison rows={comparison} params={params} />}
        </>
      )}
    </DashboardMain>
  );
}
