import type { Metadata } from "next";
import { Section } from "@/components/settings/section";
import { buttonClass } from "@/components/ui/button";
import { auditRetentionDays, telemetryRetentionDays, uploadLimits } from "@/db/team-settings";
import { requireViewer } from "@/server/auth/viewer";
import { teamSettings } from "@/server/queries";

export const metadata: Metadata = { title: "My data" };

const days = (n: number) => (n === 0 ? "forever" : `for ${n} days`);

export default async function MyDataPage() {
  const viewer = await requireViewer("/settings/my-data");
  const team = await teamSettings();
  return (
    <>
      <h1 className="text-2xl font-semibold">My data</h1>
      <Section
        title="Download everything stored about you"
        description="One JSON file: your profile, your upload keys (names, hints and dates; never the keys themselves), your machines, your uploads, your daily usage by machine and model from uploads and from telemetry, your telemetry activity, your groups, your personal budget, and the audit log entries of what you did and what was done to your account."
      >
        <a
          href="/api/v1/me/export"
          download
          className={`inline-block ${buttonClass()}`}
          data-testid="export-mine"
        >
          Download my data
        </a>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Scripts can fetch the same file with your upload key:{" "}
          <code className="break-all">
            curl -H &quot;Authorization: Bearer $CCS_KEY&quot; …/api/v1/me/export
          </code>
          .
        </p>
      </Section>
      <Section title="How long things are kept" description="Set by the team's admins.">
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="retention">
          <li>Your daily usage and activity: until you or an admin delete them.</li>
          <li>Copies of the reports you uploaded: {days(uploadLimits(team).retentionDays)}.</li>
          <li>Raw telemetry records: {days(telemetryRetentionDays(team))}.</li>
          <li>Audit log entries: {days(auditRetentionDays(team))}.</li>
        </ul>
      </Section>
      {viewer.role === "admin" && (
        <Section
          title="The whole team's data"
          description="Admins only: the team's settings, groups, budgets, webhooks (without their secrets) and alerts, then every person's data as above. Large teams take a while: the file is written as it downloads."
        >
          <a
            href="/api/v1/export"
            download
            className={`inline-block ${buttonClass("outline")}`}
            data-testid="export-team"
          >
            Download the team&apos;s data
          </a>
        </Section>
      )}
    </>
  );
}
