import type { Provider } from "@/lib/provider";
import type { ActivityMetric } from "@/lib/otel/telemetry";
import type { CostSource, UsageTotals } from "@/lib/usage";
import type { DataBounds } from "@/lib/period";

/** What Claude Code's telemetry says people did: sessions, active seconds, lines, commits, pull requests, edit decisions. */
export type ActivityTotals = Record<ActivityMetric, number>;

// What the dashboard's queries (db/stats) return: plain rows for pages, JSON and CSV.

export interface LeaderboardRow extends UsageTotals {
  rank: number;
  username: string;
  displayName: string;
  activeDays: number;
  topModel: string | null;
  /** The top model's readable name ("Claude Opus 4.1"); the id itself when the price book lacks it. */
  topModelName: string | null;
  cacheReadShare: number | null;
  /** Cost in the previous period of the same length; null for all time. */
  previousCost: number | null;
  activity: ActivityTotals;
  /** Cost per bucket of the period, when asked for (the page's spark lines). */
  trend?: number[];
}

export interface TeamTotals extends UsageTotals {
  activePeople: number;
  /** Days on which a person used Claude Code, summed over people. */
  activePersonDays: number;
  costPerActiveDay: number | null;
  activity: ActivityTotals;
}

export interface Leaderboard {
  rows: LeaderboardRow[];
  team: TeamTotals;
  previousTeam: TeamTotals | null;
}

export interface ModelRow extends ModelTotals {
  people: number;
  activeDays: number;
  /** This model's part of the period's total cost (0-1). */
  shareOfCost: number;
  previousCost: number | null;
}

/** A model's usage: `model` is the id as senders spelled it, `name` what people read. */
export interface ModelTotals extends UsageTotals {
  model: string;
  name: string;
  provider: Provider;
  /** Where its cost came from: the sender, the price table, both, or nowhere (its tokens are unpriced). */
  costSource: CostSource;
}

export interface PersonDay extends UsageTotals {
  date: string;
  models: ModelTotals[];
}

export interface PersonUsage {
  totals: UsageTotals & { activeDays: number };
  previous: (UsageTotals & { activeDays: number }) | null;
  /** Days with usage in the period, each with its per-model rows. */
  days: PersonDay[];
  /** The period's usage per model, most expensive first. */
  models: ModelTotals[];
  machines: {
    name: string;
    lastUploadAt: Date | null;
    lastTelemetryAt: Date | null;
    activeDays: number;
    cost: number;
    pricedCost: number;
    unpricedTokens: number;
  }[];
  /** The period's activity from telemetry, in total and per day with any. */
  activity: ActivityTotals;
  activityDays: (ActivityTotals & { date: string })[];
}

/** Cost per day (days with usage only) over the calendar's span: the period, from the person's first day, at most three years. */
export interface PersonCalendar {
  from: string;
  to: string;
  days: { date: string; cost: number }[];
  /** The person's first and last usage days, whatever the period. */
  data: DataBounds;
}

/** Where a person stands in the team over a period. */
export interface Standing {
  /** Their place on the leaderboard by cost; null when they are not on it (hidden, or no usage). */
  rank: number | null;
  /** How many people the leaderboard ranks. */
  ranked: number;
  /** Their share of the team's cost (hidden people count in the team, as on the leaderboard); null when the team spent nothing. */
  share: number | null;
}
