/** A text field's classes (also for selects and text areas); a field marked aria-invalid turns red. */
export const INPUT =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-950";

/** A compact field for filters and period pickers. */
export const SMALL_INPUT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

/** Date fields as ISO text: Chrome's date input shows the browser's locale (mm/dd/yyyy), the app shows ISO. */
export const DATE_INPUT = {
  type: "text",
  inputMode: "numeric",
  pattern: "\\d{4}-\\d{2}-\\d{2}",
  placeholder: "YYYY-MM-DD",
  maxLength: 10,
  title: "A date as YYYY-MM-DD",
} as const;
