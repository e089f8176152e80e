import Link from "next/link";
import { headers } from "next/headers";
import { CodeBlock } from "@/components/code-block";
import { HealthStatus } from "@/components/health-status";
import { UploaderInstructions } from "@/components/uploader-instructions";
import { checkDatabaseHealth } from "@/db/health";
import { getSetupState } from "@/db/overview";
import { requestOrigin } from "@/lib/uploader";
import { APP_NAME, APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const origin = requestOrigin(await headers());
  const health = await checkDatabaseHealth();
  const state = health.reachable ? await getSetupState() : undefined;

  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10 sm:py-16">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">{APP_NAME}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Who on your team spends what on Claude Code, on which models, over time.
        </p>
      </header>

      <section
        data-testid="empty-state"
        className="flex flex-col gap-5 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 className="text-xl font-semibold">
          {state && state.usageDays > 0 ? "Usage is arriving" : "No usage uploaded yet"}
        </h2>
        <ol className="list-decimal space-y-5 pl-5 marker:font-semibold">
          <li className="space-y-2">
            <span>
              <strong>Create the first admin</strong>
              {state && state.admins > 0 ? " (done)" : ""}. On the embedded database, stop the server first
              (one process at a time may open it), then run:
            </span>
            <CodeBlock label="Create the first admin">
              {"npm run admin -- user create <your-name> --admin --password '<a long password>'"}
            </CodeBlock>
          </li>
          <li className="space-y-2">
            <span>
              <strong>Give each person an upload key</strong> (printed once; only its hash is stored):
            </span>
            <CodeBlock label="Create an upload key">{"npm run admin -- key create <name>"}</CodeBlock>
          </li>
          <li className="space-y-2">
            <strong>Upload usage</strong> from each machine, or drop a file on the{" "}
            <Link href="/upload" className="underline">
              upload page
            </Link>
            .
            <UploaderInstructions origin={origin} />
          </li>
        </ol>
        {state && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="counts">
            {state.users} {state.users === 1 ? "person" : "people"}, {state.usageDays} person-days of usage
            stored.
          </p>
        )}
      </section>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Status</h2>
        <HealthStatus health={health} version={APP_VERSION} />
      </section>
    </main>
  );
}
