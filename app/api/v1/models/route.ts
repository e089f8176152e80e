import { usageCsvColumns } from "@/lib/usage";
import { getModels } from "@/db/stats/models";
import type { ModelRow } from "@/lib/stats/types";
import { resolveScope } from "@/server/stats/scope";
import { requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { parseStatsQuery } from "@/lib/stats/query";
import { statsResponse } from "@/server/stats/response";

/** GET /api/v1/models?range|from&to&provider&sort&limit&format: models with totals and share of spend. */
export async function GET(request: Request) {
  try {
    await requireApiReader(request);
    const query = parseStatsQuery(new URL(request.url).searchParams);
    const scope = await resolveScope(query);
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
      ],
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
