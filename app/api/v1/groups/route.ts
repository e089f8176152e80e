import { getGroupComparison, type GroupComparisonRow } from "@/db/stats/groups";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

/**
 * GET /api/v1/groups?range|from&to&provider&format: every group's cost, tokens, people and cost per
 * active day over the period, side by side (a person in two groups counts in both).
 */
export const GET = statsRoute("/api/v1/groups", async ({ query, scope }) => {
  const groups = await getGroupComparison(scope);
  return statsResponse<GroupComparisonRow>(
    query,
    scope,
    "groups",
    { groups },
    {
      rows: groups,
      columns: [
        ["group", (r) => r.name],
        ["display_name", (r) => r.displayName],
        ["members", (r) => r.members],
        ["active_people", (r) => r.activePeople],
        ["cost_usd", (r) => r.cost],
        ["total_tokens", (r) => r.totalTokens],
        ["active_person_days", (r) => r.activePersonDays],
        ["cost_per_active_day_usd", (r) => r.costPerActiveDay],
      ],
    },
  );
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/groups", methodNotAllowed("GET"));
