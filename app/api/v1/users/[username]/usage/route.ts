import { usageCsvColumns } from "@/lib/usage";
import { findPerson } from "@/server/queries";
import { getPersonUsage } from "@/db/stats/person";
import type { ModelTotals } from "@/lib/stats/types";
import { resolveScope } from "@/server/stats/scope";
import { AppError } from "@/lib/errors";
import { canSeePerson, requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { parseStatsQuery } from "@/lib/stats/query";
import { statsResponse } from "@/server/stats/response";

type CsvRow = ModelTotals & { date: string };

/** GET /api/v1/users/<username>/usage: a person's daily rows with their per-model breakdown. */
export async function GET(request: Request, { params }: { params: Promise<{ username: string }> }) {
  try {
    const reader = await requireApiReader(request);
    const query = parseStatsQuery(new URL(request.url).searchParams);
    const { username } = await params; // decoded by Next already
    const person = await findPerson(username.toLowerCase());
    // A hidden person is "not found" for everyone but themselves and admins.
    if (!person || !canSeePerson(reader, person)) {
      throw new AppError("not_found", `No user named "${username}".`);
    }
    const scope = await resolveScope(query);
    const usage = await getPersonUsage(scope, person.id);
    const user = { username: person.username, displayName: person.displayName };
    const { totals, previous, days, machines } = usage;
    return statsResponse<CsvRow>(
      query,
      scope,
      `usage-${person.username}`,
      { user, totals, previous, days, machines },
      {
        rows: days.flatMap((d) => d.models.map((m) => ({ ...m, date: d.date }))),
        columns: [
          ["date", (r) => r.date],
          ["model", (r) => r.model],
          ["provider", (r) => r.provider],
          ...usageCsvColumns<CsvRow>(),
        ],
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
