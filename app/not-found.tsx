import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">There is no such person or model here.</p>
      <Link href="/" className="underline">
        Back to the leaderboard
      </Link>
    </main>
  );
}
