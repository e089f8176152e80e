// Round axis ticks: 0 and steps of 1, 2, 2.5 or 5 times a power of ten, so an axis reads $0, $5, $10, $15
// rather than $0, $7, $14, $21 (recharts' own choice) or repeats a label ($0.1, $0.1) for small values.

const STEPS = [1, 2, 2.5, 5, 10];

/** A round step that splits [0, max] into at most `count` parts. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = STEPS.find((s) => s * power >= rough)! * power;
  return Number(step.toPrecision(12));
}

/** The ticks from 0 up to the first multiple of the step at or above `max`. */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const ticks = [0];
  while (ticks[ticks.length - 1] < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** Decimal places that tell every tick of `step` apart (0 for whole steps, 2 for 0.25, …). */
export function stepDecimals(step: number): number {
  if (step >= 1 && Number.isInteger(step)) return 0;
  const text = step.toPrecision(12).replace(/0+$/, "");
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}
