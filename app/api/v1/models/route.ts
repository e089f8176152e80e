import { getModels } from "@/db/stats/models";
import type { ModelRow } from "@/lib/stats/types";
import { pricingCsvColumns, usageCsvColumns } from "@/lib/usage";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

/** GET /api/v1/models?range|from&to&provider&sort&limit&format: models with totals and share of spend. */
export const GET = statsRoute("/api/v1/models", async ({ query, scope }) => {
  const models = await getModels(scope, query);
  return statsResponse<ModelRow>(query, scope, "models", models, {
    rows: models.rows,
    columns: [
      ["model", (r) => r.model],
      ["provider", (r) => r.provider],
      ...usageCsvColumns<ModelRow>(),
      ["people", (r) => r.people],
      ["active_days", (r) => r.activeDays],
      ["share_of_cost", (r) => r.shareOfCost],
      ["previous_cost_usd", (r) => r.previousCost],
      ...pricingCsvColumns<ModelRow>(),
      ["model_name", (r) => r.name],
    ],
  });
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/models", methodNotAllowed("GET"));
