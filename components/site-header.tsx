import Link from "next/link";
import { APP_NAME } from "@/lib/version";
import { ThemeToggle } from "./theme";

const link =
  "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 whitespace-nowrap";

/** The top bar; `viewer` is the signed-in person (null when signed out), `signOut` the form's action. */
export function SiteHeader({
  viewer,
  signOut,
}: {
  viewer: { displayName: string } | null;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl items-center gap-4 overflow-x-auto px-4 py-3 text-sm sm:gap-6"
      >
        <Link href="/" className="font-semibold whitespace-nowrap">
          {APP_NAME}
        </Link>
        <Link href="/" className={link}>
          Leaderboard
        </Link>
        <Link href="/models" className={link}>
          Models
        </Link>
        <Link href="/adoption" className={link}>
          Adoption
        </Link>
        {viewer && (
          <Link href="/upload" className={link}>
            Upload
          </Link>
        )}
        <span className="ml-auto flex items-center gap-3">
          {viewer ? (
            <>
              <Link href="/settings" className={link} data-testid="settings-link">
                {viewer.displayName}
              </Link>
              <form action={signOut}>
                <button type="submit" className={link}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/signin" className={link}>
              Sign in
            </Link>
          )}
          <ThemeToggle />
        </span>
      </nav>
    </header>
  );
}
