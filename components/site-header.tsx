import Link from "next/link";
import { APP_NAME } from "@/lib/version";
import { ThemeToggle } from "./theme";

const LINKS = [
  { href: "/", label: "Leaderboard" },
  { href: "/models", label: "Models" },
  { href: "/upload", label: "Upload" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl items-center gap-4 overflow-x-auto px-4 py-3 text-sm sm:gap-6"
      >
        <Link href="/" className="font-semibold whitespace-nowrap">
          {APP_NAME}
        </Link>
        {LINKS.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            {link.label}
          </Link>
        ))}
        <span className="ml-auto">
          <ThemeToggle />
        </span>
      </nav>
    </header>
  );
}
