// Mid-tone colours that read on both the light and the dark background; "Other" is always grey.
const COLORS = ["#6366f1", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#a855f7", "#84cc16", "#ec4899"];
export const OTHER_COLOR = "#9ca3af";

export function colorFor(key: string, index: number): string {
  return key === "Other" ? OTHER_COLOR : COLORS[index % COLORS.length];
}
