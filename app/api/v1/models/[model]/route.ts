import { getModelDaily, getModels, getModelUsers } from "@/db/stats/models";
import { modelExists } from "@/server/queries";
import { resolveScope } from "@/server/stats/scope";
import { AppError } from "@/lib/errors";
import { requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { parseStatsQuery } from "@/lib/stats/query";
import { statsResponse } from "@/server/stats/response";

type Day = { date: string; cost: number; totalTokens: number };

/** GET /api/v1/models/<model>: one model's totals, daily cost and tokens, and who used it most. */
export async function GET(request: Request, { params }: { params: Promise<{ model: string }> }) {
  try {
    await requireApiReader(request);
    const query = parseStatsQuery(new URL(request.url).searchParams);
    const { model } = await params; // decoded by Next already
    if (!(await modelExists(model)))
      throw new AppError("not_found", `No usage of a model named "${model}" was ever uploaded.`);
    const scope = await resolveScope(query);
    const [{ rows }, daily, users] = await Promise.all([
      getModels(scope, query, model),
      getModelDaily(scope, model),
      getModelUsers(scope, model, query.limit),
    ]);
    const days: Day[] = daily.cost.map((p, i) => ({
      date: p.date,
      cost: p.values[model] ?? 0,
      totalTokens: daily.tokens[i].values[model] ?? 0,
    }));
    return statsResponse<Day>(
      query,
      scope,
      `model-${model}`,
      { model: rows[0] ?? null, days, users },
      {
        rows: days,
        columns: [
          ["date", (r) => r.date],
          ["cost_usd", (r) => r.cost],
          ["total_tokens", (r) => r.totalTokens],
        ],
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
