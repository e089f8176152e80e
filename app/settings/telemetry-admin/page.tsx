import type { Metadata } from "next";
import { headers } from "next/headers";
import { ActionForm } from "@/components/action-form";
import { KeyTable } from "@/components/settings/key-table";
import { Section } from "@/components/settings/section";
import { TeamKeyForm } from "@/components/settings/secret-forms";
import { listApiKeys } from "@/db/keys";
import { listHeld, listReceipts, sourceDifferences, versionsSeen } from "@/db/telemetry-admin";
import { addDays } from "@/lib/dates";
import { formatInteger, formatUsd } from "@/lib/format";
import { todayIn } from "@/lib/period";
import { requireAdminViewer } from "@/server/auth/viewer";
import { requestOrigin } from "@/server/http";
import { teamSettings } from "@/server/queries";
import { adminCreateTeamKey, adminLinkTelemetryEmail, adminRevokeKey } from "../admin-actions";

export const metadata: Metadata = { title: "Telemetry health" };

const DAYS = 14;

export default async function TelemetryAdminPage() {
  const viewer = await requireAdminViewer("/settings/telemetry-admin");
  const origin = requestOrigin(await headers());
  const since = addDays(todayIn((await teamSettings()).timezone), -(DAYS - 1));
  const [keys, held, receipts, versions, differences] = await Promise.all([
    listApiKeys(viewer),
    listHeld(viewer),
    listReceipts(viewer, since),
    versionsSeen(viewer, addDays(since, -16)),
    sourceDifferences(viewer, addDays(since, -16)),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Telemetry health</h1>
      <Section
        title="Team keys"
        description="One key in every machine's managed settings. Each record is counted for the user whose email it carries; anyone holding the key can send data in a colleague's name, which personal keys cannot."
      >
        <TeamKeyForm action={adminCreateTeamKey} origin={origin} />
        <KeyTable keys={keys.filter((k) => k.kind === "team")} revoke={adminRevokeKey} showOwner />
      </Section>
      <Section
        title="Waiting for an owner"
        description="Team-key telemetry whose email no user has. It counts for nobody until you link the email to a user (or create a user with it)."
      >
        {held.length === 0 ? (
          <p className="text-sm text-zinc-500">Nothing is waiting.</p>
        ) : (
          <div className="space-y-4" data-testid="held">
            {held.map((h) => (
              <div key={h.email} className="space-y-2">
                <p className="text-sm">
                  <span className="font-medium">
                    {h.email || "(no email: Claude Code was not signed in)"}
                  </span>
                  : {formatInteger(h.requests)} API requests, {formatUsd(h.cost)}, {h.first} to {h.last}
                </p>
                {h.email && (
                  <ActionForm
                    testId={`link-${h.email}`}
                    action={adminLinkTelemetryEmail}
                    hidden={{ email: h.email }}
                    submitLabel="Link to this user"
                    fields={[{ name: "username", label: "Username" }]}
                  />
                )}
              </div>
            ))}
          </div>
        )}
      </Section>
      <Section
        title={`Received in the last ${DAYS} days`}
        description="Records per day and sender: counted, and refused with why."
      >
        <div className="relative sm:overflow-x-auto">
          <table className="stacked-table w-full text-left text-sm" data-testid="receipts">
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Day</th>
                <th className="py-1 pr-3 font-medium">Sender</th>
                <th className="py-1 pr-3 font-medium">Kind</th>
                <th className="py-1 pr-3 text-right font-medium">Records</th>
                <th className="py-1 pr-3 text-right font-medium">Counted</th>
                <th className="py-1 pr-3 text-right font-medium">Refused</th>
                <th className="py-1 font-medium">Why refused</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr
                  key={`${r.date}-${r.sender}-${r.signal}`}
                  className="border-t border-zinc-100 dark:border-zinc-800"
                >
                  <td data-label="Day" className="py-1 pr-3 whitespace-nowrap">
                    {r.date}
                  </td>
                  <td data-label="Sender" className="py-1 pr-3">
                    {r.sender.replace(/^(user|email|key):/, "")}
                  </td>
                  <td data-label="Kind" className="py-1 pr-3">
                    {r.signal === "logs" ? "events" : "metrics"}
                  </td>
                  <td data-label="Records" className="py-1 pr-3 text-right tabular-nums">
                    {r.records}
                  </td>
                  <td data-label="Counted" className="py-1 pr-3 text-right tabular-nums">
                    {r.counted}
                  </td>
                  <td data-label="Refused" className="py-1 pr-3 text-right tabular-nums">
                    {r.rejected}
                  </td>
                  <td data-label="Why refused" className="py-1 text-xs">
                    {Object.entries(r.reasons as Record<string, number>)
                      .map(([why, n]) => `${n}× ${why}`)
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section
        title="Claude Code versions"
        description="Versions that sent API requests in the last 30 days."
      >
        <ul className="text-sm" data-testid="versions">
          {versions.map((v) => (
            <li key={v.version}>
              {v.version}: {v.people} {v.people === 1 ? "person" : "people"}, {formatInteger(v.requests)}{" "}
              requests
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Uploads and telemetry side by side"
        description="Days a person both uploaded and sent telemetry. Telemetry counts; it also sees requests that never reach the transcripts ccusage reads, so it is often a little higher."
      >
        <div className="relative sm:overflow-x-auto">
          <table className="stacked-table w-full text-left text-sm" data-testid="differences">
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Person</th>
                <th className="py-1 pr-3 font-medium">Day</th>
                <th className="py-1 pr-3 text-right font-medium">Telemetry tokens</th>
                <th className="py-1 pr-3 text-right font-medium">Uploaded tokens</th>
                <th className="py-1 pr-3 text-right font-medium">Telemetry cost</th>
                <th className="py-1 text-right font-medium">Uploaded cost</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={`${d.username}-${d.date}`} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td data-label="Person" className="py-1 pr-3">
                    {d.username}
                  </td>
                  <td data-label="Day" className="py-1 pr-3">
                    {d.date}
                  </td>
                  <td data-label="Telemetry tokens" className="py-1 pr-3 text-right tabular-nums">
                    {formatInteger(d.telemetry_tokens)}
                  </td>
                  <td data-label="Uploaded tokens" className="py-1 pr-3 text-right tabular-nums">
                    {formatInteger(d.upload_tokens)}
                  </td>
                  <td data-label="Telemetry cost" className="py-1 pr-3 text-right tabular-nums">
                    {formatUsd(d.telemetry_cost)}
                  </td>
                  <td data-label="Uploaded cost" className="py-1 text-right tabular-nums">
                    {formatUsd(d.upload_cost)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
