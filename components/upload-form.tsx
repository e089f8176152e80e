"use client";

import { useState, useTransition } from "react";
import type { IngestResult } from "@/db/upload";
import { formatBytes } from "@/lib/format";
import { UploadResult } from "./upload-result";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { INPUT } from "@/components/ui/input";

type Outcome =
  | { ok: true; data: IngestResult }
  | { ok: false; error: { message: string; fieldErrors: Record<string, string> } };

/**
 * Sends the report to POST /api/v1/usage, the same endpoint and checks as a script's upload, with this
 * page's session instead of a key (the API reads bodies as large as the upload limit; actions take small
 * forms only).
 */
async function upload(options: {
  machine: string;
  mode: string;
  dryRun: boolean;
  report: string;
}): Promise<Outcome> {
  if (!options.report.trim()) {
    return { ok: false, error: { message: "", fieldErrors: { report: "Choose a file or paste a report." } } };
  }
  const query = new URLSearchParams({
    machine: options.machine,
    mode: options.mode,
    dryRun: options.dryRun ? "1" : "0",
  });
  try {
    const response = await fetch(`/api/v1/usage?${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: options.report,
    });
    const body = await response.json();
    if (response.ok) return { ok: true, data: body as IngestResult };
    const { message, details } = (
      body as { error: { message: string; details?: { problems?: { path: string; message: string }[] } } }
    ).error;
    const fieldErrors: Record<string, string> = {};
    for (const p of details?.problems ?? []) if (p.path === "machine") fieldErrors.machine ??= p.message;
    return { ok: false, error: { message, fieldErrors } };
  } catch {
    return { ok: false, error: { message: "The server could not be reached. Try again.", fieldErrors: {} } };
  }
}

/** Pick, drop or paste a ccusage report; preview it with a dry run; then confirm. */
export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const [machine, setMachine] = useState("default");
  const [replace, setReplace] = useState(false);
  const [report, setReport] = useState("");
  const [fileName, setFileName] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [pending, startTransition] = useTransition();

  const previewed = outcome?.ok && outcome.data.dryRun;
  const fieldErrors = outcome && !outcome.ok ? outcome.error.fieldErrors : {};
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOutcome(undefined); // any change invalidates the preview
    };

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    edit(setReport)(await file.text());
  }

  function send(dryRun: boolean) {
    startTransition(async () => {
      setOutcome(await upload({ machine, mode: replace ? "replace" : "merge", report, dryRun }));
    });
  }

  return (
    <form className="space-y-4" onSubmit={(e) => (e.preventDefault(), send(!previewed))}>
      <div className="grid gap-4 sm:max-w-sm">
        <label className="space-y-1 text-sm">
          <span className="font-medium">Machine</span>
          <input
            className={INPUT}
            value={machine}
            onChange={(e) => edit(setMachine)(e.target.value)}
            aria-invalid={!!fieldErrors.machine}
            aria-describedby="machine-help"
          />
          <span id="machine-help" className="block text-xs text-zinc-500 dark:text-zinc-400">
            Use the name your cron uploads use (the hostname), or this machine counts twice.
          </span>
          {fieldErrors.machine && (
            <span className="text-red-700 dark:text-red-400">{fieldErrors.machine}</span>
          )}
        </label>
      </div>

      <label
        className="flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed border-zinc-300 p-6 text-center text-sm hover:border-zinc-400 dark:border-zinc-700"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => (e.preventDefault(), readFile(e.dataTransfer.files[0]))}
      >
        <span className="font-medium">
          {fileName ?? "Drop a ccusage JSON file here, or click to choose one"}
        </span>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Up to {formatBytes(maxBytes)}</span>
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="report-file"
          onChange={(e) => readFile(e.target.files?.[0])}
        />
      </label>

      <label className="block space-y-1 text-sm">
        <span className="font-medium">…or paste the report</span>
        <textarea
          className={`${INPUT} h-32 font-mono text-xs`}
          value={report}
          onChange={(e) => (setFileName(undefined), edit(setReport)(e.target.value))}
          placeholder='{"daily": [ … ]}'
          aria-invalid={!!fieldErrors.report}
        />
        {fieldErrors.report && <span className="text-red-700 dark:text-red-400">{fieldErrors.report}</span>}
      </label>

      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={replace}
          onChange={(e) => edit(setReplace)(e.target.checked)}
        />
        <span>
          Replace stored days with this report, even where its figures are lower (to correct bad data).
        </span>
      </label>

      {outcome && !outcome.ok && outcome.error.message && (
        <Alert tone="error" as="p" role="alert" data-testid="upload-error">
          {outcome.error.message}
        </Alert>
      )}
      {outcome?.ok && <UploadResult result={outcome.data} />}

      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Working…" : previewed ? "Confirm upload" : "Preview"}
      </button>
    </form>
  );
}
