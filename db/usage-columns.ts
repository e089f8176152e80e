import { sql } from "drizzle-orm";

// The five stored usage columns every usage table has (db/schema.ts usageColumns), as SQL for the
// hand-written statements that read the rollups: listed, and summed under their own names.
const COLUMNS = ["input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost"];
export const USAGE = sql.raw(COLUMNS.join(", "));
export const SUMMED_USAGE = sql.raw(COLUMNS.map((column) => `sum(${column}) as ${column}`).join(", "));
