import { getPersonUsage } from "@/db/stats/person";
import { AppError } from "@/lib/errors";
import type { ModelTotals } from "@/lib/stats/types";
import { pricingCsvColumns, usageCsvColumns } from "@/lib/usage";
import { canSeePerson } from "@/server/auth/access";
import { measured } from "@/server/metrics/http";
import { methodNotAllowed } from "@/server/http";
import { findPerson } from "@/server/queries";
import { statsResponse } from "@/server/stats/response";
import { statsRoute } from "@/server/stats/route";

type CsvRow = ModelTotals & { date: string };

/** GET /api/v1/users/<username>/usage: a person's daily rows with their per-model breakdown. */
export const GET = statsRoute<{ username: string }>(
  "/api/v1/users/[username]/usage",
  async ({ reader, query, scope, params }) => {
    const { username } = params; // decoded by Next already
    const person = await findPerson(username.toLowerCase());
    // A hidden person is "not found" for everyone but themselves and admins.
    if (!person || !canSeePerson(reader, person)) {
      throw new AppError("not_found", `No user named "${username}".`);
    }
    const { totals, previous, days, models, machines, activity, activityDays } = await getPersonUsage(
      scope,
      person.id,
    );
    const user = { username: person.username, displayName: person.displayName };
    return statsResponse<CsvRow>(
      query,
      scope,
      `usage-${person.username}`,
      { user, totals, previous, models, days, machines, activity, activityDays },
      {
        rows: days.flatMap((d) => d.models.map((m) => ({ ...m, date: d.date }))),
        columns: [
          ["date", (r) => r.date],
          ["model", (r) => r.model],
          ["provider", (r) => r.provider],
          ...usageCsvColumns<CsvRow>(),
          ...pricingCsvColumns<CsvRow>(),
          ["model_name", (r) => r.name],
        ],
      },
    );
  },
);

export const { POST, PUT, PATCH, DELETE } = measured(
  "/api/v1/users/[username]/usage",
  methodNotAllowed("GET"),
);
