import Link from "next/link";
import { withParams } from "@/lib/url";

type Params = Record<string, string | undefined>;

/** Cache reads dwarf the other token types: the tokens charts can leave them out (kept in the URL). */
export function TokenSwitch({ params }: { params: Params }) {
  const without = params.tokens === "no-cache-reads";
  return (
    <nav aria-label="Token types" className="flex gap-2 text-sm">
      {[
        { label: "All types", value: undefined, active: !without },
        { label: "Without cache reads", value: "no-cache-reads", active: without },
      ].map(({ label, value, active }) => (
        <Link
          key={label}
          href={withParams(params, { tokens: value })}
          aria-current={active ? "true" : undefined}
          className={active ? "font-medium underline" : "text-zinc-500 hover:underline"}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
