// Mid-tone colours that read on both the light and the dark background; "Other" is always grey.
export const COLORS = [
  "#6366f1",
  "#f59e0b",
  "#10b981",
  "#ef4444",
  "#0ea5e9",
  "#a855f7",
  "#84cc16",
  "#ec4899",
  "#14b8a6",
  "#f97316",
  "#8b5cf6",
  "#eab308",
] as const;
export const OTHER_COLOR = "#9ca3af";
const OTHER = "Other";

/** FNV-1a: a small, stable hash, the same on the server and in every browser. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Each key's colour, chosen from the key itself so a person or model looks the same in every chart. When two
 * keys of one chart would share a colour, the later (smaller) one takes the next free colour.
 */
export function chartColors(keys: readonly string[]): Record<string, string> {
  const colors: Record<string, string> = {};
  const taken = new Set<number>();
  for (const key of keys) {
    if (key === OTHER) {
      colors[key] = OTHER_COLOR;
      continue;
    }
    let index = hash(key) % COLORS.length;
    for (let tries = 0; taken.has(index) && tries < COLORS.length; tries++)
      index = (index + 1) % COLORS.length;
    taken.add(index);
    colors[key] = COLORS[index];
  }
  return colors;
}
