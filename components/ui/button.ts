const VARIANTS = {
  primary:
    "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300",
  danger: "bg-red-700 text-white hover:bg-red-600",
  outline: "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800",
} as const;

/** A button's classes, for buttons and for links that look like one. */
export function buttonClass(variant: keyof typeof VARIANTS = "primary", size: "md" | "sm" = "md") {
  const box = size === "md" ? "px-4 py-2 text-sm font-medium" : "px-3 py-1.5 text-sm";
  return `rounded-md disabled:opacity-50 ${box} ${VARIANTS[variant]}`;
}
