import { usageCsvColumns } from "@/lib/usage";
import { getLeaderboard } from "@/db/stats/leaderboard";
import type { LeaderboardRow } from "@/lib/stats/types";
import { resolveScope } from "@/server/stats/scope";
import { requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { parseStatsQuery } from "@/lib/stats/query";
import { statsResponse } from "@/server/stats/response";

/** GET /api/v1/leaderboard?range|from&to&provider&sort&limit&format: people ranked, with team totals. */
export async function GET(request: Request) {
  try {
    await requireApiReader(request);
    const query = parseStatsQuery(new URL(request.url).searchParams);
    const scope = await resolveScope(query);
    const board = await getLeaderboard(scope, query);
    return statsResponse<LeaderboardRow>(
      query,
      scope,
      "leaderboard",
      { sort: query.sort, ...board },
      {
        rows: board.rows,
        columns: [
          ["rank", (r) => r.rank],
          ["username", (r) => r.username],
          ["display_name", (r) => r.displayName],
          ...usageCsvColumns<LeaderboardRow>(),
          ["active_days", (r) => r.activeDays],
          ["top_model", (r) => r.topModel],
          ["cache_read_share", (r) => r.cacheReadShare],
          ["previous_cost_usd", (r) => r.previousCost],
        ],
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
