/** Shown while a dashboard page queries the database. */
export function LoadingSkeleton() {
  return (
    <main
      className="mx-auto max-w-6xl animate-pulse space-y-6 px-4 py-8"
      aria-busy="true"
      aria-label="Loading"
    >
      <div className="h-8 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-8 w-full max-w-xl rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
        ))}
      </div>
      <div className="h-72 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
    </main>
  );
}
