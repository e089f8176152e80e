import { CodeBlock } from "./code-block";
import { UploaderInstructions } from "./uploader-instructions";
import Link from "next/link";

/** What a new team sees before any usage arrives: exactly how to get data in. */
export function GettingStarted({ origin, hasAdmin }: { origin: string; hasAdmin: boolean }) {
  return (
    <section
      data-testid="empty-state"
      className="space-y-5 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="text-xl font-semibold">No usage uploaded yet</h2>
      <ol className="list-decimal space-y-5 pl-5 marker:font-semibold">
        <li className="space-y-2">
          <span>
            <strong>Create the first admin</strong>
            {hasAdmin ? " (done)" : ""}. On the embedded database, stop the server first (one process at a
            time may open it), then run:
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
    </section>
  );
}
