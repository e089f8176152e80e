import { calcPrice, type ModelInfo, type ModelPrice, type TieredPrices } from "@pydantic/genai-prices";
import { providerOf } from "@/lib/provider";

// The default price book: @pydantic/genai-prices, which bundles its data (no network) with effective dates.
// Each model id as senders spell it (claude-opus-4-1-20250805, claude-opus-4-6[1m], us.anthropic.…) maps to
// a price key, the model family prices are set for; admins override prices per key (Settings → Prices).

/** Per million tokens, USD. */
export interface TokenPrices {
  input: number;
  output: number;
  cacheRead: number;
  /** 5-minute cache writes (ccusage's reports do not split writes: all are priced as these). */
  cacheWrite: number;
  cacheWrite1h: number;
}

/** Prices from a day on (the earliest from 2000-01-01: before any usage the app takes). */
export interface DatedPrices extends TokenPrices {
  from: string;
  /**
   * The price book's long-context tier: a request with more than `above` input tokens is billed at these
   * prices. Shown in Settings → Prices; daily totals cannot tell such requests apart, so they are priced at
   * the base prices above (the senders' own costs include the tier).
   */
  longContext?: TokenPrices & { above: number };
}

export interface CatalogEntry {
  /** The model family prices are kept for: "anthropic/claude-opus-4-1", or the normalised id if unknown. */
  priceKey: string;
  /** What people read: "Claude Opus 4.1", or the id itself when the price book does not know it. */
  name: string;
  /** The price book's prices, oldest first; empty when it has none. */
  defaults: DatedPrices[];
}

export const EARLIEST_PRICE_DATE = "2000-01-01";

/**
 * The id with what varies between spellings of one model removed: case, a context-window tag ("[1m]"),
 * a date suffix (-20250805, @20250805), Bedrock's region and version ("us.anthropic.…-v1:0").
 */
export function normaliseModelId(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/\[[^\]]*\]$/, "")
    .replace(/^(?:[a-z]{2}\.)?anthropic[./]/, "")
    .replace(/-v\d+(?::\d+)?$/, "")
    .replace(/[-@]\d{8}$/, "");
}

type Price = number | TieredPrices | undefined;

/** A tier's base price: long-context tiers apply per request, which daily totals cannot tell apart. */
const base = (value: Price): number | undefined =>
  value === undefined ? undefined : typeof value === "number" ? value : value.base;

/** The price above the first tier's threshold (the base price where there is no tier). */
const tiered = (value: Price): number | undefined =>
  value === undefined || typeof value === "number" ? value : (value.tiers[0]?.price ?? value.base);

function tokenPrices(price: ModelPrice, at: (value: Price) => number | undefined = base): TokenPrices | null {
  const input = at(price.input_mtok);
  const output = at(price.output_mtok);
  if (input === undefined || output === undefined) return null;
  const cacheWrite = at(price.cache_write_mtok) ?? input;
  return {
    input,
    output,
    cacheRead: at(price.cache_read_mtok) ?? input,
    cacheWrite,
    cacheWrite1h: at(price.cache_write_1h_mtok) ?? cacheWrite,
  };
}

function longContext(price: ModelPrice): DatedPrices["longContext"] {
  const threshold = Object.values(price)
    .map((v) => (v !== undefined && typeof v !== "number" ? v.tiers[0]?.start : undefined))
    .find((start) => start !== undefined);
  const prices = threshold === undefined ? null : tokenPrices(price, tiered);
  return prices ? { ...prices, above: threshold! } : undefined;
}

function datedPrices(model: ModelInfo): DatedPrices[] {
  const list = Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
  const dated: DatedPrices[] = [];
  for (const { prices, constraint } of list) {
    // Time-of-day prices (off-peak discounts) are not what a day's total was billed at: skipped.
    if (constraint && constraint.type !== "start_date") continue;
    const from = constraint?.start_date ?? EARLIEST_PRICE_DATE;
    const parsed = tokenPrices(prices);
    const tier = longContext(prices);
    if (parsed) dated.push({ from, ...parsed, ...(tier ? { longContext: tier } : {}) });
  }
  return dated.sort((a, b) => (a.from < b.from ? -1 : 1));
}

// Bounded: model ids come from uploads, and a stranger's made-up names must not grow it for ever.
const cache = new Map<string, CatalogEntry>();
const CACHE_SIZE = 5_000;

/** The price book's entry for a model id as it was stored. */
export function catalogEntry(model: string): CatalogEntry {
  let entry = cache.get(model);
  if (!entry) {
    const options = providerOf(model) === "anthropic" ? { providerId: "anthropic" } : {};
    // As spelled, else normalised (the price book does not know every cloud's spelling).
    const found =
      calcPrice({ input_tokens: 1 }, model, options) ??
      calcPrice({ input_tokens: 1 }, normaliseModelId(model), options);
    entry = found
      ? {
          priceKey: `${found.provider.id}/${found.model.id}`,
          name: found.model.name ?? model,
          defaults: datedPrices(found.model),
        }
      : { priceKey: normaliseModelId(model), name: model, defaults: [] };
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(model, entry);
  }
  return entry;
}

/** What people read for a model id. */
export const modelName = (model: string) => catalogEntry(model).name;
