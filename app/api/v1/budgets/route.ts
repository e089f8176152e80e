import { getBudgetStatuses } from "@/db/budgets/status";
import { budgetName, budgetPath, monthOf } from "@/lib/budgets";
import { todayIn } from "@/lib/period";
import { canSeePerson, requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { teamSettings } from "@/server/queries";

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * GET /api/v1/budgets: every budget the reader may see (a hidden person's only to themselves and admins)
 * with this month's spend, percent and month-end forecast, and the alerts raised this month.
 */
export async function GET(request: Request) {
  try {
    const reader = await requireApiReader(request);
    const [{ timezone }, all] = await Promise.all([teamSettings(), getBudgetStatuses()]);
    const budgets = all.filter(
      (b) => !b.user || canSeePerson(reader, { id: b.user.id, hiddenFromLeaderboard: b.user.hidden }),
    );
    const month = monthOf(all[0]?.today ?? todayIn(timezone));
    return Response.json(
      {
        month: month.month,
        from: month.first,
        to: all[0]?.today ?? todayIn(timezone),
        daysInMonth: month.days,
        timezone,
        budgets: budgets.map((b) => ({
          id: b.id,
          scope: b.scope,
          name: budgetName(b),
          group: b.group && { name: b.group.name, displayName: b.group.displayName },
          user: b.user && { username: b.user.username, displayName: b.user.displayName },
          monthlyUsd: b.monthlyUsd,
          thresholds: b.thresholds,
          spendUsd: b.spendUsd,
          percent: cents(b.percent),
          forecastUsd: cents(b.forecastUsd),
          forecastPercent: cents(b.forecastPercent),
          alertsRaised: b.raised,
          path: budgetPath(b),
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
