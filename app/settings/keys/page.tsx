import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { KeyTable } from "@/components/settings/key-table";
import { CreateKeyForm } from "@/components/settings/secret-forms";
import { Section } from "@/components/settings/section";
import { countUsers } from "@/db/accounts/users";
import { listApiKeys } from "@/db/keys";
import { buttonClass } from "@/components/ui/button";
import { requireViewer } from "@/server/auth/viewer";
import { requestOrigin } from "@/server/http";
import { createOwnKey, revokeOwnKey } from "../actions";

export const metadata: Metadata = { title: "Upload keys" };

export default async function KeysPage() {
  const viewer = await requireViewer("/settings/keys");
  const [keys, people] = await Promise.all([
    listApiKeys(viewer, { userId: viewer.id }),
    viewer.role === "admin" ? countUsers(viewer) : undefined,
  ]);
  // Setup ends here: until the admin has company, this page points them on to adding the team.
  const alone = people === 1;
  return (
    <>
      <h1 className="text-2xl font-semibold">Upload keys</h1>
      {alone && (
        <section
          aria-labelledby="add-team"
          data-testid="add-team"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-sky-300 bg-sky-50 p-5 dark:border-sky-800 dark:bg-sky-950"
        >
          <div>
            <h2 id="add-team" className="font-semibold">
              Next: add your team
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              You are the only person here. Each teammate gets a one-time password and makes their own key.
            </p>
          </div>
          <Link href="/settings/users" className={buttonClass()}>
            Add people
          </Link>
        </section>
      )}
      <Section
        title="New key"
        description="One key per machine is easiest: revoking one then stops only that machine."
      >
        <CreateKeyForm action={createOwnKey} origin={requestOrigin(await headers())} />
      </Section>
      <Section title="Your keys">
        <KeyTable keys={keys} revoke={revokeOwnKey} />
      </Section>
    </>
  );
}
