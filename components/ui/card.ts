/** The white (dark: zinc) panel that holds a chart, a table, a form or a stat. */
export const CARD = "rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900";
