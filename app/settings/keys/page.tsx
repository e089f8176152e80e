import type { Metadata } from "next";
import { headers } from "next/headers";
import { KeyTable } from "@/components/settings/key-table";
import { CreateKeyForm } from "@/components/settings/secret-forms";
import { Section } from "@/components/settings/section";
import { listApiKeys } from "@/db/keys";
import { requireViewer } from "@/server/auth/viewer";
import { requestOrigin } from "@/server/http";
import { createOwnKey, revokeOwnKey } from "../actions";

export const metadata: Metadata = { title: "Upload keys" };

export default async function KeysPage() {
  const viewer = await requireViewer("/settings/keys");
  const keys = await listApiKeys(viewer, { userId: viewer.id });
  return (
    <>
      <h1 className="text-2xl font-semibold">Upload keys</h1>
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
