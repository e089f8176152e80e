const NBSP = "\u00a0";

/**
 * A table row's secondary figures as "label value" pairs under its row header, shown only on phones,
 * where their own columns are hidden (`.phone-rows` in globals.css). One line of text per row, styled by
 * one stylesheet rule, as it repeats on every row. No-break spaces keep a label with its value and each dot
 * after its pair; a long value (a model's name) may still wrap at its own spaces.
 */
export function PhoneSummary({
  pairs,
}: {
  pairs: readonly (readonly [label: string, value: string | number])[];
}) {
  const text = pairs
    .map(([label, value]) => `${label.replaceAll(" ", NBSP)}${NBSP}${value}`)
    .join(`${NBSP}· `);
  return <p className="phone-summary">{text}</p>;
}
