import { formatInteger, formatPercent } from "@/lib/format";
import { acceptRate, activeHours } from "@/lib/stats/activity";
import type { ActivityTotals } from "@/lib/stats/types";
import { StatCard } from "./stat-card";

/** What Claude Code's telemetry says was done in the period: sessions, time, lines, commits, edits. */
export function ActivityCards({ activity }: { activity: ActivityTotals }) {
  const rate = acceptRate(activity);
  return (
    <section aria-label="Activity" className="space-y-2">
      <h2 className="font-semibold">Activity (from Claude Code&apos;s telemetry)</h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="activity">
        <StatCard label="Sessions" value={formatInteger(activity.sessions)} testId="activity-sessions" />
        <StatCard label="Active hours" value={activeHours(activity).toFixed(1)} testId="activity-hours" />
        <StatCard
          label="Lines added / removed"
          value={`${formatInteger(activity.lines_added)} / ${formatInteger(activity.lines_removed)}`}
          testId="activity-lines"
        />
        <StatCard
          label="Edits accepted"
          value={rate === null ? "-" : formatPercent(rate)}
          hint={`${formatInteger(activity.edits_accepted)} accepted, ${formatInteger(activity.edits_rejected)} rejected`}
          testId="activity-accept"
        />
        <StatCard label="Commits" value={formatInteger(activity.commits)} testId="activity-commits" />
        <StatCard label="Pull requests" value={formatInteger(activity.pull_requests)} testId="activity-prs" />
      </div>
    </section>
  );
}
