import type { HTMLAttributes } from "react";

const TONES = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200",
  success: "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950",
} as const;

/** A boxed message: an error, a warning, or a success (what a form did). */
export function Alert({
  tone,
  as: Tag = "div",
  className = "",
  ...rest
}: { tone: keyof typeof TONES; as?: "div" | "p" } & HTMLAttributes<HTMLElement>) {
  return <Tag className={`rounded-md border p-3 text-sm ${TONES[tone]} ${className}`} {...rest} />;
}
