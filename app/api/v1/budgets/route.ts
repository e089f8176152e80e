import { getBudgetStatuses } from "@/db/budgets/status";
import { budgetName, budgetPath, monthOf, round2 } from "@/lib/budgets";
import { todayIn } from "@/lib/period";
import { canSeePerson, requireApiReader } from "@/server/auth/access";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";
import { dataBounds, teamSettings } from "@/server/queries";

/**
 * GET /api/v1/budgets: every budget the reader may see (a hidden person's only to themselves and admins)
 * with this month's spend, percent and month-end forecast, and the alerts raised this month.
 */
export const GET = measured("/api/v1/budgets", async function GET(request: Request) {
  try {
    const reader = await requireApiReader(request);
    const [{ timezone }, data] = await Promise.all([teamSettings(), dataBounds()]);
    const all = await getBudgetStatuses({}, undefined, { timezone, data });
    const today = all[0]?.today ?? todayIn(timezone);
    const budgets = all.filter(
      (b) => !b.user || canSeePerson(reader, { id: b.user.id, hiddenFromLeaderboard: b.user.hidden }),
    );
    const month = monthOf(today);
    return Response.json(
      {
        month: month.month,
        from: month.first,
        to: today,
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
          percent: round2(b.percent),
          forecastUsd: round2(b.forecastUsd),
          forecastPercent: round2(b.forecastPercent),
          alertsRaised: b.raised,
          path: budgetPath(b),
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/budgets", methodNotAllowed("GET"));
