"use client";

import { buttonClass } from "@/components/ui/button";
/** Shown when a page fails (most often: the database is unreachable). The cause is in the server log. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        The page could not be loaded. If the database is down, it will work again once it is back; the server
        log has the details.
      </p>
      <button type="button" onClick={reset} className={buttonClass()}>
        Try again
      </button>
    </main>
  );
}
