import type { Standing } from "@/lib/stats/types";
import { formatPercent } from "@/lib/format";

/**
 * "#3 of 14 by cost · 18% of team cost" under a person's name; nothing of what does not apply. Given the
 * statement's promise: the page renders the rest while this team-wide statement runs.
 */
export async function PersonStanding({ standing }: { standing: Promise<Standing> }) {
  const { rank, ranked, share } = await standing;
  if (rank === null && share === null) return null;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="person-standing">
      {rank !== null && (
        <span title="Place on the leaderboard by cost in this period">
          <span data-testid="person-rank">#{rank}</span> of {ranked} by cost
        </span>
      )}
      {rank !== null && share !== null && " · "}
      {share !== null && (
        <span>
          <span data-testid="person-share">{formatPercent(share)}</span> of team cost
        </span>
      )}
    </p>
  );
}
