import type { Metadata } from "next";
import { headers } from "next/headers";
import { CodeBlock } from "@/components/code-block";
import { Section } from "@/components/settings/section";
import { listOwnMachines } from "@/db/accounts/self-service";
import { formatTime } from "@/lib/format";
import { headersHelper, HELPER_PATH, KEY_FILE, machineSetup, managedSettings } from "@/lib/otel/setup";
import { requireViewer } from "@/server/auth/viewer";
import { requestOrigin } from "@/server/http";

export const metadata: Metadata = { title: "Connect Claude Code" };

export default async function TelemetryPage() {
  const viewer = await requireViewer("/settings/telemetry");
  const origin = requestOrigin(await headers());
  const machines = await listOwnMachines(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold">Connect Claude Code</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Claude Code can send its own telemetry here as it works: your usage arrives within seconds, with no
        cron job, and with your sessions, active time and the lines Claude wrote. A day with telemetry is
        counted from it; uploads of that day are kept but not counted twice.
      </p>
      <Section
        title="This machine"
        description="Add these lines to your shell profile, with your upload key (Settings → Upload keys) in CCS_KEY."
      >
        <CodeBlock label="Telemetry settings for one machine">{machineSetup(origin)}</CodeBlock>
      </Section>
      <Section
        title="Every machine of the organisation"
        description={`An admin puts this in Claude Code's managed settings (/etc/claude-code/managed-settings.json on Linux, /Library/Application Support/ClaudeCode/managed-settings.json on macOS) and installs the helper at ${HELPER_PATH}; each person saves their upload key in ${KEY_FILE}. With a team key (Settings → Telemetry health), set OTEL_EXPORTER_OTLP_HEADERS to it instead of the helper.`}
      >
        <CodeBlock label="managed-settings.json">{managedSettings(origin)}</CodeBlock>
        <CodeBlock label="Headers helper">{headersHelper()}</CodeBlock>
      </Section>
      <Section
        title="Your machines"
        description="When each last sent telemetry, so you can see that it works."
      >
        {machines.length === 0 ? (
          <p className="text-sm text-zinc-500">No machine has sent anything yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="telemetry-machines">
            {machines.map((m) => (
              <li key={m.id}>
                <span className="font-medium">{m.name}</span>: last telemetry{" "}
                {formatTime(m.last_telemetry_at, "never")}, last upload{" "}
                {formatTime(m.last_upload_at, "never")}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
