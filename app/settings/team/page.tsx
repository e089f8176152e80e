import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Section } from "@/components/settings/section";
import { teamSettings } from "@/server/queries";
import { requireAdminViewer } from "@/server/auth/viewer";
import { readAuditRetentionDays, readTelemetryConfig, readUploadConfig } from "@/lib/config";
import { adminSaveTeam } from "../admin-actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  await requireAdminViewer("/settings/team");
  const team = await teamSettings();
  const env = readUploadConfig();
  return (
    <>
      <h1 className="text-2xl font-semibold">Team</h1>
      <Section title="Team settings">
        <ActionForm
          testId="team"
          action={adminSaveTeam}
          submitLabel="Save"
          fields={[
            { name: "teamName", label: "Team name", defaultValue: team.teamName },
            {
              name: "timezone",
              label: "Timezone",
              defaultValue: team.timezone,
              help: 'IANA name, e.g. Europe/Berlin. Decides what "today" and "this month" mean.',
            },
            {
              name: "visibility",
              label: "Who can see the dashboard",
              type: "select",
              defaultValue: team.visibility,
              options: [
                { value: "private", label: "Signed-in people only" },
                { value: "public", label: "Anyone (read-only)" },
              ],
            },
            {
              name: "uploadMaxMegabytes",
              label: "Largest upload (MB)",
              type: "number",
              defaultValue: team.uploadMaxBytes === null ? "" : String(team.uploadMaxBytes / 1024 / 1024),
              help: `Empty: ${env.maxBytes / 1024 / 1024} MB (UPLOAD_MAX_BYTES).`,
            },
            {
              name: "uploadRatePerMinute",
              label: "Uploads per key per minute",
              type: "number",
              defaultValue: team.uploadRatePerMinute === null ? "" : String(team.uploadRatePerMinute),
              help: `Empty: ${env.ratePerMinute} (UPLOAD_RATE_LIMIT_PER_MINUTE); 0 turns the limit off.`,
            },
            {
              name: "uploadRetentionDays",
              label: "Keep copies of uploaded reports (days)",
              type: "number",
              defaultValue: team.uploadRetentionDays === null ? "" : String(team.uploadRetentionDays),
              help: `Empty: ${env.retentionDays} (UPLOAD_RETENTION_DAYS); 0 keeps them forever. The usage they added stays.`,
            },
            {
              name: "telemetryRetentionDays",
              label: "Keep raw telemetry (days)",
              type: "number",
              defaultValue: team.telemetryRetentionDays === null ? "" : String(team.telemetryRetentionDays),
              help: `Empty: ${readTelemetryConfig().retentionDays} (TELEMETRY_RETENTION_DAYS). Repeats are recognised for this long, and older records are refused; the usage and activity they added stay.`,
            },
            {
              name: "auditRetentionDays",
              label: "Keep audit log entries (days)",
              type: "number",
              defaultValue: team.auditRetentionDays === null ? "" : String(team.auditRetentionDays),
              help: `Empty: ${readAuditRetentionDays() || "forever"} (AUDIT_RETENTION_DAYS); 0 keeps them forever. Older entries are deleted within the hour.`,
            },
            {
              name: "telemetryGroupAttribute",
              label: "Group telemetry senders by resource attribute",
              defaultValue: team.telemetryGroupAttribute ?? "",
              placeholder: "team.id",
              help: "Empty: off. With e.g. team.id, a sender whose OTEL_RESOURCE_ATTRIBUTES carry team.id=platform joins the existing group named platform.",
            },
          ]}
        />
      </Section>
    </>
  );
}
