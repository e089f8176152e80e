import type { Metadata } from "next";
import { headers } from "next/headers";
import { UploadForm } from "@/components/upload-form";
import { UploaderInstructions } from "@/components/uploader-instructions";
import { uploadLimits } from "@/db/team-settings";
import { teamSettings } from "@/server/queries";
import { requireViewer } from "@/server/auth/viewer";
import { requestOrigin } from "@/server/http";
import { CARD } from "@/components/ui/card";

export const metadata: Metadata = { title: "Upload usage" };

export default async function UploadPage() {
  await requireViewer("/upload");
  const origin = requestOrigin(await headers());
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Upload usage</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Send the JSON that <code className="font-mono">ccusage</code> prints, from a terminal or from this
          page.
        </p>
      </header>
      <section className={`${CARD} space-y-3 p-6`}>
        <h2 className="text-lg font-semibold">From the command line</h2>
        <UploaderInstructions origin={origin} />
      </section>
      <section className={`${CARD} space-y-3 p-6`}>
        <h2 className="text-lg font-semibold">Upload a file</h2>
        <UploadForm maxBytes={uploadLimits(await teamSettings()).maxBytes} />
      </section>
    </main>
  );
}
