import { getAdoption, type AdoptionDay } from "@/db/stats/adoption";
import { ACTIVITY_METRICS } from "@/lib/otel/telemetry";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

/** GET /api/v1/adoption?range|from&to&format: active people per day and week, activity, versions. */
export const GET = statsRoute("/api/v1/adoption", async ({ query, scope }) => {
  const adoption = await getAdoption(scope);
  return statsResponse<AdoptionDay>(
    query,
    scope,
    "adoption",
    { ...adoption },
    {
      rows: adoption.days,
      columns: [
        ["date", (r) => r.date],
        ["active_people", (r) => r.activePeople],
        ["telemetry_people", (r) => r.telemetryPeople],
        ...ACTIVITY_METRICS.map((m): [string, (r: AdoptionDay) => number] => [m, (r) => r[m]]),
      ],
    },
  );
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/adoption", methodNotAllowed("GET"));
