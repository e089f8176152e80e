import { z } from "zod";
import { calendarDateSchema } from "@/lib/period";
import { DAY_BOUNDS, describeBound } from "@/lib/usage-bounds";

export const LIMITS = { days: 5_000, modelsPerDay: 200, modelNameLength: 100 } as const;

const HOUR = 3_600_000;

/**
 * The latest calendar date that can be "today" anywhere on Earth (UTC+14), plus one day of slack for
 * clocks that run ahead: tomorrow in UTC+14. An uploader in Kiribati must never be told their today is in
 * the future; later days are refused.
 */
export function latestAcceptedDate(now = new Date()): string {
  return new Date(now.getTime() + 14 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
}

export const dateSchema = calendarDateSchema
  .refine((value) => value >= "2000-01-01", "is before 2000-01-01")
  .refine((value) => value <= latestAcceptedDate(), { error: (issue) => `${issue.input} is in the future` });

const tokens = z
  .number("must be a number")
  .int("must be a whole number")
  .nonnegative("must not be negative")
  .max(DAY_BOUNDS.tokens, `is above the ${describeBound("inputTokens")} one person may report for a day`);

const cost = z
  .number("must be a number")
  .nonnegative("must not be negative")
  .max(DAY_BOUNDS.costUsd, `is above the ${describeBound("cost")} one person may report for a day`);

const modelName = z
  .string("must be a string")
  .min(1, "must not be empty")
  .max(LIMITS.modelNameLength, `must be at most ${LIMITS.modelNameLength} characters`)
  // Lone surrogates (broken UTF-16) cannot be stored as text.
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, "must not contain control characters or broken Unicode");

const tokenFields = {
  inputTokens: tokens,
  outputTokens: tokens,
  cacheCreationTokens: tokens,
  cacheReadTokens: tokens,
};

const modelBreakdownSchema = z.object({ modelName, ...tokenFields, cost });

/** One row of a daily report; unknown keys (modelsUsed, metadata, agents, …) are ignored. */
export const dailyRowSchema = z
  .object({
    date: dateSchema.optional(),
    period: dateSchema.optional(),
    project: z.string().optional(),
    ...tokenFields,
    totalCost: cost,
    modelBreakdowns: z
      .array(modelBreakdownSchema)
      .max(LIMITS.modelsPerDay, `must list at most ${LIMITS.modelsPerDay} models`)
      .optional(),
  })
  .refine((row) => row.date !== undefined || row.period !== undefined, {
    error: 'needs a "date" (or "period") field',
  });

export type DailyRow = z.infer<typeof dailyRowSchema>;
