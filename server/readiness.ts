import "server-only";
import { checkDatabaseHealth } from "@/db/health";
import { APP_VERSION } from "@/lib/version";

// What server start-up still has under way, for GET /api/health/ready. On globalThis: start-up runs in
// the instrumentation bundle, the readiness route in its own.

/** Start-up work: migrations (with the data they backfill), then the price book sync (days re-priced). */
export type StartupTask = "migrations" | "prices";
export type TaskState = "running" | "done" | "failed";

const store = globalThis as typeof globalThis & { __ccsStartup?: Map<StartupTask, TaskState> };
const tasks = (store.__ccsStartup ??= new Map());

/** Marks `task` running until `work` settles; returns `work`. */
export function trackStartup<T>(task: StartupTask, work: Promise<T>): Promise<T> {
  tasks.set(task, "running");
  work.then(
    () => tasks.set(task, "done"),
    () => tasks.set(task, "failed"),
  );
  return work;
}

/**
 * Ready (200) once no start-up work is running and the database answers; 503 naming what is pending
 * otherwise. Work that failed does not hold readiness back (the server serves; its log says why), and
 * migrations that failed at start-up ran since if the database answers now (each open migrates).
 */
export async function readinessResponse(): Promise<Response> {
  const database = await checkDatabaseHealth();
  const startup = Object.fromEntries(tasks);
  const pending = [...tasks].filter(([, state]) => state === "running").map(([task]) => task);
  if (database.reachable && startup.migrations === "failed") startup.migrations = "done";
  const ready = database.reachable && pending.length === 0;
  return Response.json(
    {
      status: ready ? "ready" : database.reachable ? "starting" : "unavailable",
      version: APP_VERSION,
      pending: database.reachable ? pending : ["database", ...pending],
      startup,
      database,
    },
    {
      status: ready ? 200 : 503,
      headers: { "Cache-Control": "no-store", ...(ready ? {} : { "Retry-After": "5" }) },
    },
  );
}
