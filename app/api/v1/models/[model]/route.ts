import { getModelDaily, getModels, getModelUsers } from "@/db/stats/models";
import { AppError } from "@/lib/errors";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { modelExists } from "@/server/queries";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

type Day = { date: string; cost: number; totalTokens: number; unpricedTokens: number };

/** GET /api/v1/models/<model>: one model's totals, daily cost and tokens, and who used it most. */
export const GET = statsRoute<{ model: string }>(
  "/api/v1/models/[model]",
  async ({ query, scope, params }) => {
    const { model } = params; // decoded by Next already
    if (!(await modelExists(model)))
      throw new AppError("not_found", `No usage of a model named "${model}" was ever uploaded.`);
    const [{ rows }, daily, users] = await Promise.all([
      getModels(scope, query, model),
      getModelDaily(scope, model),
      getModelUsers(scope, model, query.limit),
    ]);
    const days: Day[] = daily.cost.map((p, i) => ({
      date: p.date,
      cost: p.values[model] ?? 0,
      totalTokens: daily.tokens[i].values[model] ?? 0,
      unpricedTokens: daily.unpriced[i].values[model] ?? 0,
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
          ["unpriced_tokens", (r) => r.unpricedTokens],
        ],
      },
    );
  },
);

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/models/[model]", methodNotAllowed("GET"));
