import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageReader } from "@/server/auth/access";
import { BarList } from "@/components/charts/bar-list";
import { ChartCard } from "@/components/charts/chart-card";
import { CostTokenCharts } from "@/components/charts/cost-token-charts";
import { DashboardMain, InvalidQueryPage, PageHeader } from "@/components/page-states";
import { PeriodControls } from "@/components/period-controls";
import { StatCard } from "@/components/stat-card";
import { getModelDaily, getModels, getModelUsers } from "@/db/stats/models";
import { getPreviousDailyCost } from "@/db/stats/previous";
import { modelExists } from "@/server/queries";
import { formatCompact, formatPercent, formatUsd } from "@/lib/format";
import { loadDashboard, type SearchParams } from "@/server/stats/page";
import { decodeSegment } from "@/lib/path-segment";
import { withParams } from "@/lib/url";
import { Cost, formatCost } from "@/components/cost";
import { modelName } from "@/lib/prices/catalog";
import { modelLabels } from "@/lib/stats/models";
import { providerOf } from "@/lib/provider";
import { PROVIDER_FILTERS } from "@/lib/stats/labels";
import { CARD } from "@/components/ui/card";

type Props = { params: Promise<{ model: string }>; searchParams: SearchParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const model = decodeSegment((await params).model);
  return { title: model === null ? "Not found" : modelName(model) };
}

export default async function ModelPage({ params, searchParams }: Props) {
  const model = decodeSegment((await params).model);
  if (model === null) notFound();
  await requirePageReader(`/models/${encodeURIComponent(model)}`);
  if (!(await modelExists(model))) notFound();
  const view = await loadDashboard(searchParams);
  const here = `/models/${encodeURIComponent(model)}`;
  if (!view.ok) return <InvalidQueryPage title={model} message={view.error} resetHref={here} />;
  const { params: search, query, scope, bucket } = view;
  // Every figure would be empty: say why instead of drawing empty charts.
  if (scope.provider === "claude" && providerOf(model) !== "anthropic") {
    return (
      <DashboardMain>
        <PageHeader title={modelName(model)} subtitle={`${model} · ${providerOf(model)}`} />
        <PeriodControls view={view} />
        <div data-testid="filtered-out" className={`${CARD} space-y-2 p-6 text-sm`}>
          <p>
            {modelName(model)} is not a Claude model, so the &ldquo;{PROVIDER_FILTERS.claude}&rdquo; filter
            hides it.
          </p>
          <Link
            href={`${here}${withParams(search, { provider: undefined })}`}
            className="font-medium underline"
          >
            Show it with all providers
          </Link>
        </div>
      </DashboardMain>
    );
  }
  const csvHref = `/api/v1/models/${encodeURIComponent(model)}${withParams(search, { format: "csv" })}`;
  const [{ rows }, daily, users, previous] = await Promise.all([
    getModels(scope, query, model),
    getModelDaily(scope, model, query.tokens === "no-cache-reads"),
    getModelUsers(scope, model, query.limit),
    query.compare ? getPreviousDailyCost(scope, { model }) : null,
  ]);
  const row = rows[0];
  return (
    <DashboardMain>
      <PageHeader
        title={modelName(model)}
        subtitle={[model, row?.provider].filter(Boolean).join(" · ")}
        csvHref={csvHref}
      />
      <PeriodControls view={view} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="Cost"
          value={row ? <Cost totals={row} testId="model-cost" /> : formatUsd(0)}
          current={row?.cost ?? 0}
          previous={row?.previousCost}
        />
        <StatCard
          label="Tokens"
          value={formatCompact(row?.totalTokens ?? 0)}
          testId="model-tokens"
          hint={`${(row?.totalTokens ?? 0).toLocaleString("en-US")} tokens`}
        />
        <StatCard label="People" value={String(row?.people ?? 0)} testId="model-people" />
        <StatCard label="Share of spend" value={formatPercent(row?.shareOfCost ?? 0)} testId="model-share" />
      </div>
      <CostTokenCharts
        keys={daily.keys}
        cost={daily.cost}
        tokens={daily.tokens}
        labels={modelLabels(daily.keys)}
        bucket={bucket}
        previous={previous}
        params={search}
      />
      <ChartCard title="Who uses it most">
        {users.length === 0 ? (
          <p className="text-sm text-zinc-500">Nobody used this model in the period.</p>
        ) : (
          <BarList
            label="Who uses it most"
            items={users.map((u) => ({
              key: u.username,
              label: u.displayName,
              value: u.cost,
              display: formatCost(u),
              href: `/users/${encodeURIComponent(u.username)}${withParams(search, { sort: undefined })}`,
            }))}
          />
        )}
      </ChartCard>
    </DashboardMain>
  );
}
