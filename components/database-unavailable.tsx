import { HealthStatus } from "./health-status";
import type { DatabaseHealth } from "@/db/health";
import { APP_NAME, APP_VERSION } from "@/lib/version";

/** Every page while the database cannot be reached: what is wrong, and the status the home page shows. */
export function DatabaseUnavailable({ health }: { health: DatabaseHealth }) {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10" data-testid="database-unavailable">
      <h1 className="text-3xl font-semibold tracking-tight">{APP_NAME}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        The database is unavailable, so this page cannot be shown. It will work again once the database is
        back; the server log has the details.
      </p>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Status</h2>
        <HealthStatus health={health} version={APP_VERSION} />
      </section>
    </main>
  );
}
