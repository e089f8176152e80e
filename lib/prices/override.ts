import { z } from "zod";
import { calendarDateSchema } from "@/lib/period";
import { EARLIEST_PRICE_DATE, type TokenPrices } from "./catalog";

// What an admin sends to set a price (Settings → Prices, `npm run admin -- prices set`): USD per million
// tokens. Cache prices left out follow Anthropic's rule: reads 0.1x input, 5-minute writes 1.25x, 1-hour 2x.

const MAX_PRICE = 10_000;

// Forms send text ("" for an empty field), the admin tool text or nothing.
const number = (v: unknown) =>
  v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? Number(v.trim()) : v;
const amount = z
  .number({ error: (issue) => (issue.input === undefined ? "is required" : "must be a number") })
  .min(0, "must not be negative")
  .max(MAX_PRICE, `must be at most ${MAX_PRICE} (USD per million tokens)`);
const price = z.preprocess(number, amount);
const optionalPrice = z.preprocess(number, amount.optional());

export const priceKeySchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters");

export const priceDateSchema = calendarDateSchema.refine(
  (d) => d >= EARLIEST_PRICE_DATE && d <= "2100-12-31",
  `must be from ${EARLIEST_PRICE_DATE} to 2100-12-31`,
);

export const priceOverrideSchema = z
  .object({
    priceKey: priceKeySchema,
    from: priceDateSchema,
    input: price,
    output: price,
    cacheRead: optionalPrice,
    cacheWrite: optionalPrice,
    cacheWrite1h: optionalPrice,
  })
  .transform(({ priceKey, from, ...p }) => {
    const or = (value: number | undefined, fallback: number) => value ?? fallback;
    const prices: TokenPrices = {
      input: p.input,
      output: p.output,
      cacheRead: or(p.cacheRead, round(p.input * 0.1)),
      cacheWrite: or(p.cacheWrite, round(p.input * 1.25)),
      cacheWrite1h: or(p.cacheWrite1h, round(p.input * 2)),
    };
    return { priceKey, from, prices };
  });

const round = (n: number) => Math.round(n * 1e6) / 1e6;
