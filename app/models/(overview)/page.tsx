import type { Metadata } from "next";
import { headers } from "next/headers";
import { requirePageReader } from "@/server/auth/access";
import { BarList } from "@/components/charts/bar-list";
import { ChartCard } from "@/components/charts/chart-card";
import { CostTokenCharts } from "@/components/charts/cost-token-charts";
import { ModelsTable } from "@/components/models-table";
import { DashboardMain, InvalidQueryPage, NoUsageInPeriod, PageHeader } from "@/components/page-states";
import { PeriodControls } from "@/components/period-controls";
import { getModelDaily, getModels } from "@/db/stats/models";
import { getPreviousDailyCost } from "@/db/stats/previous";
import { formatPercent } from "@/lib/format";
import { modelLabels } from "@/lib/stats/models";
import { loadDashboard, type SearchParams } from "@/server/stats/page";
import { requestOrigin } from "@/server/http";
import { withParams } from "@/lib/url";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageReader("/models");
  const view = await loadDashboard(searchParams);
  if (!view.ok) return <InvalidQueryPage title="Models" message={view.error} resetHref="/models" />;
  const { params, query, scope, bucket } = view;
  const [{ rows }, daily, previous] = await Promise.all([
    getModels(scope, query),
    getModelDaily(scope, undefined, query.tokens === "no-cache-reads"),
    query.compare ? getPreviousDailyCost(scope) : null,
  ]);
  return (
    <DashboardMain>
      <PageHeader
        title="Models"
        subtitle="Cost and tokens per model"
        csvHref={`/api/v1/models${withParams(params, { format: "csv" })}`}
      />
      <PeriodControls view={view} />
      {rows.length === 0 ? (
        <NoUsageInPeriod origin={requestOrigin(await headers())} data={scope.data} params={params} />
      ) : (
        <>
          <CostTokenCharts
            keys={daily.keys}
            cost={daily.cost}
            tokens={daily.tokens}
            labels={modelLabels(daily.keys)}
            bucket={bucket}
            suffix=" by model"
            previous={previous}
            params={params}
          />
          <ChartCard title="Share of spend">
            <BarList
              label="Share of spend"
              items={rows.map((m) => ({
                key: m.model,
                label: m.name,
                title: m.model,
                value: m.cost,
                display: formatPercent(m.shareOfCost),
                href: `/models/${encodeURIComponent(m.model)}${withParams(params, { sort: undefined })}`,
              }))}
            />
          </ChartCard>
          <ModelsTable rows={rows} params={params} />
        </>
      )}
    </DashboardMain>
  );
}
