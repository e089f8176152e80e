// The five stored usage columns every usage table has (db/schema.ts usageColumns), as SQL text for the
// hand-written statements that read the rollups: listed, and summed under their own names.
export const USAGE_COLUMNS = "input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost";
export const SUMMED_USAGE = USAGE_COLUMNS.split(", ")
  .map((column) => `sum(${column}) as ${column}`)
  .join(", ");
