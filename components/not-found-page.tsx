import Link from "next/link";

/** The 404 page's body; each not-found.tsx says what was not found. */
export function NotFoundPage({ message }: { message: string }) {
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="not-found">
        {message}
      </p>
      <Link href="/" className="underline">
        Back to the leaderboard
      </Link>
    </main>
  );
}
