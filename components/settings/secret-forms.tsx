"use client";

import { ActionForm } from "@/components/action-form";
import { CopyButton } from "@/components/copy-button";
import type { ActionResult } from "@/server/action";
import { managedSettings } from "@/lib/otel/setup";
import { uploaderCommand } from "@/lib/upload-command";
import { Alert } from "@/components/ui/alert";

type Action<T> = (values: never) => Promise<ActionResult<T>>;

function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="space-y-1">
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="flex items-center gap-2">
        <code
          data-testid={testId}
          className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-all dark:bg-zinc-800"
        >
          {value}
        </code>
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/** Creates an upload key and shows it once, with the ready-to-run uploader command. */
export function CreateKeyForm({
  action,
  origin,
}: {
  action: Action<{ key: string; hint: string; name: string }>;
  origin: string;
}) {
  return (
    <ActionForm
      testId="create-key"
      action={action}
      submitLabel="Create key"
      resetOnSuccess
      fields={[
        { name: "name", label: "Name", placeholder: "e.g. work laptop" },
        { name: "expires", label: "Expires (optional)", type: "date" },
      ]}
    >
      {(created) => (
        <Alert tone="success" role="status" className="space-y-3">
          <p className="font-medium">
            Key “{created.name}” created. Copy it now: it will not be shown again.
          </p>
          <Secret label="Key" value={created.key} testId="new-key" />
          <Secret
            label="Upload command"
            value={uploaderCommand(origin, created.key)}
            testId="new-key-command"
          />
        </Alert>
      )}
    </ActionForm>
  );
}

/** Creates a team telemetry key (admins) and shows it once, in the managed settings that use it. */
export function TeamKeyForm({
  action,
  origin,
}: {
  action: Action<{ key: string; hint: string; name: string }>;
  origin: string;
}) {
  return (
    <ActionForm
      testId="create-team-key"
      action={action}
      submitLabel="Create team key"
      resetOnSuccess
      fields={[{ name: "name", label: "Name", placeholder: "e.g. managed settings 2026" }]}
    >
      {(created) => (
        <Alert tone="success" role="status" className="space-y-3">
          <p className="font-medium">
            Team key “{created.name}” created. Copy it now: it will not be shown again.
          </p>
          <Secret label="Key" value={created.key} testId="new-team-key" />
          <Secret
            label="managed-settings.json"
            value={managedSettings(origin, created.key)}
            testId="team-settings-json"
          />
        </Alert>
      )}
    </ActionForm>
  );
}

/** Admin forms whose result is a one-time password to hand over (create user, reset password). */
export function OneTimePasswordForm({
  action,
  fields,
  submitLabel,
  hidden,
  testId,
}: {
  action: Action<{ username: string; password: string }>;
  fields: Parameters<typeof ActionForm>[0]["fields"];
  submitLabel: string;
  hidden?: Record<string, string>;
  testId: string;
}) {
  return (
    <ActionForm
      testId={testId}
      action={action}
      fields={fields}
      submitLabel={submitLabel}
      hidden={hidden}
      resetOnSuccess
    >
      {(result) => (
        <Alert tone="success" role="status" className="space-y-2">
          <p>Give {result.username} this one-time password. They choose their own when they first sign in.</p>
          <Secret label="One-time password" value={result.password} testId="one-time-password" />
        </Alert>
      )}
    </ActionForm>
  );
}
