import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Admins only</h1>
      <p className="text-zinc-600 dark:text-zinc-400">This page is for the team&apos;s admins.</p>
      <Link href="/settings" className="underline">
        Back to your settings
      </Link>
    </main>
  );
}
