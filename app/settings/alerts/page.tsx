import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Section } from "@/components/settings/section";
import { listWebhooks } from "@/db/alerts/webhooks";
import { listAlerts, listDeliveries } from "@/db/alerts/history";
import { WEBHOOK_FORMATS } from "@/db/schema";
import { formatTime } from "@/lib/format";
import { requireAdminViewer } from "@/server/auth/viewer";
import { adminAddWebhook, adminDeleteWebhook, adminTestWebhook } from "./actions";
import { DeliveryTable } from "./delivery-table";

export const metadata: Metadata = { title: "Alerts" };

const FORMAT_LABELS = { json: "JSON (signed)", slack: "Slack", discord: "Discord" } as const;

export default async function AlertsPage() {
  const viewer = await requireAdminViewer("/settings/alerts");
  const [hooks, deliveries, raised] = await Promise.all([
    listWebhooks(viewer),
    listDeliveries(viewer),
    listAlerts(viewer),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Budget alerts and the optional weekly digest are sent to these webhooks. A receiver that is down gets
        them later: failed tries are repeated for a day. Changes are in the audit log.
      </p>
      <Section title="Webhooks" description="Where alerts go. A secret is never shown again once saved.">
        {hooks.length === 0 ? (
          <p className="text-sm text-zinc-500">No webhooks yet: add one below.</p>
        ) : (
          <div className="relative sm:overflow-x-auto">
            <table className="stats-table stacked-table w-full text-sm" data-testid="webhooks">
              <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Format</th>
                  <th scope="col">Secret</th>
                  <th scope="col">Digest</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((hook) => (
                  <tr key={hook.id} data-testid={`webhook-${hook.id}`}>
                    <th scope="row" className="font-normal break-all">
                      <span className="text-xs text-zinc-500">#{hook.id}</span> {hook.url}
                    </th>
                    <td data-label="Format">{FORMAT_LABELS[hook.format]}</td>
                    <td data-label="Secret">{hook.hasSecret ? "set" : "none"}</td>
                    <td data-label="Digest">{hook.digest ? "weekly" : "no"}</td>
                    <td data-label="Actions" className="flex flex-wrap gap-2">
                      <ActionForm
                        testId={`test-webhook-${hook.id}`}
                        action={adminTestWebhook}
                        hidden={{ id: String(hook.id) }}
                        fields={[]}
                        submitLabel="Send test"
                      />
                      <ActionForm
                        testId={`delete-webhook-${hook.id}`}
                        action={adminDeleteWebhook}
                        hidden={{ id: String(hook.id) }}
                        fields={[]}
                        submitLabel="Delete"
                        confirmLabel="Delete webhook"
                        danger
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section
        title="Add a webhook"
        description="JSON bodies carry the alert with its figures; Slack and Discord get a message. With a secret, every body is signed (X-CCS-Signature, HMAC-SHA256) and timed (X-CCS-Timestamp)."
      >
        <ActionForm
          testId="add-webhook"
          action={adminAddWebhook}
          submitLabel="Add webhook"
          resetOnSuccess
          fields={[
            { name: "url", label: "URL", placeholder: "https://hooks.example.com/alerts" },
            {
              name: "format",
              label: "Format",
              type: "select",
              defaultValue: "json",
              options: WEBHOOK_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] })),
            },
            {
              name: "secret",
              label: "Signing secret (optional)",
              type: "password",
              autoComplete: "off",
              help: "At least 16 characters; receivers check signatures with it.",
            },
            { name: "digest", label: "Also send the weekly digest", type: "checkbox" },
          ]}
        />
      </Section>
      <Section title="Deliveries" description="The latest 50, newest first, with every try.">
        <DeliveryTable deliveries={deliveries} />
      </Section>
      <Section title="Alerts raised" description="The latest 50, newest first.">
        {raised.length === 0 ? (
          <p className="text-sm text-zinc-500">No alerts yet.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="alerts">
            {raised.map((a) => (
              <li key={a.id}>
                <span className="font-medium">{a.title}</span>{" "}
                <span className="text-xs text-zinc-500">
                  {a.kind} · {formatTime(a.createdAt)}
                </span>
                {a.text && <p className="whitespace-pre-line text-zinc-600 dark:text-zinc-400">{a.text}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
