import Link from "next/link";
import { UploaderInstructions } from "./uploader-instructions";
import { CARD } from "@/components/ui/card";

/** What a signed-in team sees before any usage arrives: exactly how to get data in. */
export function GettingStarted({ origin }: { origin: string }) {
  return (
    <section data-testid="empty-state" className={`${CARD} space-y-5 p-6`}>
      <h2 className="text-xl font-semibold">No usage uploaded yet</h2>
      <ol className="list-decimal space-y-5 pl-5 marker:font-semibold">
        <li>
          <strong>Add your team</strong> (admins) under{" "}
          <Link href="/settings/users" className="underline">
            Settings → Users
          </Link>
          . Each person gets a one-time password. Headless installs can use{" "}
          <code className="font-mono">npm run admin -- user create</code>.
        </li>
        <li>
          <strong>Each person creates an upload key</strong> under{" "}
          <Link href="/settings/keys" className="underline">
            Settings → Upload keys
          </Link>{" "}
          (shown once; only its hash is stored).
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
