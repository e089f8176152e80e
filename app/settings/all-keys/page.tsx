import type { Metadata } from "next";
import { KeyTable } from "@/components/settings/key-table";
import { Section } from "@/components/settings/section";
import { listApiKeys } from "@/db/keys";
import { requireAdminViewer } from "@/server/auth/viewer";
import { adminRevokeKey } from "../admin-actions";

export const metadata: Metadata = { title: "All keys" };

export default async function AllKeysPage() {
  const viewer = await requireAdminViewer("/settings/all-keys");
  return (
    <>
      <h1 className="text-2xl font-semibold">All keys</h1>
      <Section title="Every upload key of the team">
        <KeyTable keys={await listApiKeys(viewer)} revoke={adminRevokeKey} showOwner />
      </Section>
    </>
  );
}
