/**
 * A table row's secondary figures as "label value" pairs under its row header, shown only on phones,
 * where their own columns are hidden (`.phone-rows` in globals.css). One line of text per row, styled by
 * one stylesheet rule, as it repeats on every row; no-break spaces keep each pair on one line and each dot after its pair.
 */
export function PhoneSummary({
  pairs,
}: {
  pairs: readonly (readonly [label: string, value: string | number])[];
}) {
  const text = pairs.map(([label, value]) => `${label} ${value}`.replaceAll(" ", "\u00a0")).join("\u00a0· ");
  return <p className="phone-summary">{text}</p>;
}
