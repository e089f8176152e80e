import { addDays, toDayNumber } from "@/lib/dates";
import { formatChange, formatUsd } from "@/lib/format";

// The weekly digest's week and words. The digest of a week (Monday to Sunday in the team's timezone) is
// due from the next Monday on; its alert's period is the week it covers (that week's Monday).

/** The last full week before `today`: Monday to Sunday, and the week before it. */
export function digestWeek(today: string) {
  // Day 0 (1970-01-01) was a Thursday: +3 makes Monday 0.
  const weekday = (((toDayNumber(today) + 3) % 7) + 7) % 7;
  const from = addDays(today, -weekday - 7);
  const to = addDays(from, 6);
  return { from, to, previous: { from: addDays(from, -7), to: addDays(from, -1) } };
}

export interface DigestFigures {
  week: { from: string; to: string };
  previousWeek: { from: string; to: string };
  team: { cost: number; previousCost: number; change: number | null; activePeople: number };
  groups: { name: string; displayName: string; members: number; cost: number; previousCost: number }[];
  topPeople: { username: string; displayName: string; cost: number; previousCost: number }[];
}

const change = (now: number, before: number) => (before > 0 ? (now - before) / before : null);

/** The digest alert's payload: title and text for people, and the figures for machines. */
export function digestPayload(figures: DigestFigures): Record<string, unknown> {
  const { week, team, groups, topPeople } = figures;
  const teamChange = change(team.cost, team.previousCost);
  const lines = [
    `Team: ${formatUsd(team.cost)} by ${team.activePeople} ${team.activePeople === 1 ? "person" : "people"}` +
      (teamChange === null
        ? ""
        : ` (${formatChange(teamChange)} on the week before, ${formatUsd(team.previousCost)})`),
  ];
  if (topPeople.length)
    lines.push(`Top: ${topPeople.map((p) => `${p.displayName} ${formatUsd(p.cost)}`).join(", ")}`);
  // The message names the groups that spent; the figures keep every group.
  const spent = groups.filter((g) => g.cost > 0);
  if (spent.length)
    lines.push(`Groups: ${spent.map((g) => `${g.displayName} ${formatUsd(g.cost)}`).join(", ")}`);
  return {
    title: `Weekly digest ${week.from} to ${week.to}: ${formatUsd(team.cost)}`,
    text: lines.join("\n"),
    ...figures,
    team: { ...team, change: teamChange },
  };
}
