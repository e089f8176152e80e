import type { DatabaseHealth } from "@/db/health";

const DRIVER_LABEL = { pglite: "embedded PGlite", postgres: "PostgreSQL" } as const;

export function HealthStatus({ health, version }: { health: DatabaseHealth; version: string }) {
  return (
    <dl data-testid="health" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-zinc-500 dark:text-zinc-400">Database</dt>
      <dd className="flex items-center gap-2">
        <span
          aria-hidden
          className={`inline-block size-2 rounded-full ${health.reachable ? "bg-emerald-500" : "bg-red-500"}`}
        />
        <span data-testid="health-status">{health.reachable ? "reachable" : "unavailable"}</span>
      </dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Driver</dt>
      <dd>{DRIVER_LABEL[health.driver]}</dd>
      {health.reachable ? (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Migrations</dt>
          <dd>{health.migrations} applied</dd>
        </>
      ) : (
        <>
          <dt className="text-zinc-500 dark:text-zinc-400">Problem</dt>
          <dd>{health.error}</dd>
        </>
      )}
      <dt className="text-zinc-500 dark:text-zinc-400">Version</dt>
      <dd>{version}</dd>
    </dl>
  );
}
