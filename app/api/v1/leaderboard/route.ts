import { getLeaderboard } from "@/db/stats/leaderboard";
import type { LeaderboardRow } from "@/lib/stats/types";
import { activityCsvColumns } from "@/lib/stats/activity";
import { pricingCsvColumns, usageCsvColumns } from "@/lib/usage";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

/** GET /api/v1/leaderboard?range|from&to&provider&sort&limit&format: people ranked, with team totals. */
export const GET = statsRoute("/api/v1/leaderboard", async ({ query, scope }) => {
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
        ...activityCsvColumns<LeaderboardRow>(),
        ...pricingCsvColumns<LeaderboardRow>(),
      ],
    },
  );
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/leaderboard", methodNotAllowed("GET"));
