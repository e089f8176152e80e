// Costs travel as exact integers of 1e-10 USD (the scale of the numeric(20,10) columns), so merging
// and comparing never accumulates float error; they become numbers only at the edges (JSON, charts).
const SCALE_DIGITS = 10;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** A float cost as ccusage prints it (0.11894520000000001) -> scaled integer, rounded to 10 places. */
export function usdFromNumber(value: number): bigint {
  const [whole, fraction] = value.toFixed(SCALE_DIGITS).split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole.replace("-", "")) * SCALE + BigInt(fraction));
}

/** A numeric column value ("0.1189452000", or "12" from an aggregate) -> scaled integer. */
export function usdFromDecimal(text: string): bigint {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace("-", "").split(".");
  const scaled =
    BigInt(whole || "0") * SCALE + BigInt(fraction.padEnd(SCALE_DIGITS, "0").slice(0, SCALE_DIGITS));
  return negative ? -scaled : scaled;
}

/** Scaled integer -> decimal string for numeric columns. */
export function usdToDecimal(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(SCALE_DIGITS, "0")}`;
  return negative ? `-${text}` : text;
}

/** Scaled integer -> number of USD, for JSON responses and charts. */
export function usdToNumber(scaled: bigint): number {
  return Number(usdToDecimal(scaled));
}
