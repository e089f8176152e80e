// What the dashboard's provider filter and sort orders are called on screen. No dependencies: client
// components (the leaderboard table) use these too; lib/stats-query.ts validates the same keys.
export const PROVIDER_FILTERS = { all: "All providers", claude: "Claude only" } as const;
export const SORTS = {
  cost: "Cost",
  tokens: "Tokens",
  cache: "Cache efficiency",
  savings: "Cache savings",
  lines: "Lines added",
  sessions: "Sessions",
  active: "Active hours",
} as const;
