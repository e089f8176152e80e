import { APP_NAME } from "@/lib/version";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme";

const link =
  "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 whitespace-nowrap underline-offset-4";
const current = "font-medium text-zinc-900 underline decoration-2 dark:text-zinc-100";

/**
 * The top bar; `viewer` is the signed-in person (null when signed out), `signOut` the form's action. On a
 * phone it wraps onto a second line rather than hiding links off-screen.
 */
export function SiteHeader({
  viewer,
  signOut,
}: {
  viewer: { displayName: string } | null;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <a
        href="#content"
        className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm sm:gap-x-6"
      >
        <NavLink href="/" exact className="font-semibold whitespace-nowrap" currentClassName="">
          {APP_NAME}
        </NavLink>
        <span className="order-last flex w-full gap-4 sm:order-none sm:w-auto sm:gap-6">
          <NavLink href="/" exact className={link} currentClassName={current}>
            Leaderboard
          </NavLink>
          <NavLink href="/models" className={link} currentClassName={current}>
            Models
          </NavLink>
          <NavLink href="/adoption" className={link} currentClassName={current}>
            Adoption
          </NavLink>
          {viewer && (
            <NavLink href="/upload" className={link} currentClassName={current}>
              Upload
            </NavLink>
          )}
        </span>
        <span className="ml-auto flex items-center gap-3">
          {viewer ? (
            <>
              <NavLink
                href="/settings"
                className={link}
                currentClassName={current}
                data-testid="settings-link"
              >
                Settings<span className="hidden md:inline"> ({viewer.displayName})</span>
              </NavLink>
              <form action={signOut}>
                <button type="submit" className={link}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <NavLink href="/signin" className={link} currentClassName={current}>
              Sign in
            </NavLink>
          )}
          <ThemeToggle />
        </span>
      </nav>
    </header>
  );
}
