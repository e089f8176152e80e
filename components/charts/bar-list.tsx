import Link from "next/link";
import { chartColors } from "@/lib/charts/palette";

/** Horizontal bars for a breakdown (share of spend): readable on a phone and by a screen reader as a list. */
export function BarList({
  items,
  label,
}: {
  /** `title`: the hover text (a model's id under its readable name). */
  items: { key: string; label: string; value: number; display: string; href?: string; title?: string }[];
  label: string;
}) {
  const max = Math.max(...items.map((i) => i.value), 0);
  const colors = chartColors(items.map((i) => i.key));
  return (
    <ul aria-label={label} className="space-y-2 text-sm" data-testid="bar-list">
      {items.map((item) => (
        <li key={item.key} className="space-y-1">
          <div className="flex justify-between gap-3">
            {item.href ? (
              <Link href={item.href} className="truncate hover:underline" title={item.title}>
                {item.label}
              </Link>
            ) : (
              <span className="truncate" title={item.title}>
                {item.label}
              </span>
            )}
            <span className="tabular-nums">{item.display}</span>
          </div>
          <div className="h-2 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden>
            <div
              className="h-2 rounded-full"
              style={{ width: `${max ? (item.value / max) * 100 : 0}%`, background: colors[item.key] }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
