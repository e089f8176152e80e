/** Which cost the dashboard shows (a team setting): see effective_usage in db/functions. */
export const COST_MODES = ["reported", "list"] as const;
export type CostMode = (typeof COST_MODES)[number];

/** The cost modes as Settings → Prices and the admin tool describe them. */
export const COST_MODE_LABELS: Record<CostMode, string> = {
  reported: "The sender's cost where it priced the tokens, else the price table's",
  list: "The price table's list price everywhere (one price book for everyone)",
};
