import "server-only";
import { AppError } from "@/lib/errors";
import { parseStatsQuery, type StatsQuery } from "@/lib/stats/query";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A page's search params, flattened, and the stats query parsed from them (or why they are invalid). */
export async function readPageQuery(
  searchParams: SearchParams,
): Promise<{ params: Record<string, string | undefined>; query: StatsQuery | null; error: string | null }> {
  const raw = await searchParams;
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  try {
    return { params, query: parseStatsQuery(params), error: null };
  } catch (error) {
    if (error instanceof AppError) return { params, query: null, error: error.message };
    throw error;
  }
}
