import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { formatTime } from "@/lib/format";
import { Section } from "@/components/settings/section";
import { listOwnMachines } from "@/db/accounts/self-service";
import { requireViewer } from "@/server/auth/viewer";
import { deleteOwnMachine, deleteOwnUsage, renameOwnMachine } from "../actions";

export const metadata: Metadata = { title: "Machines & data" };

export default async function MachinesPage() {
  const viewer = await requireViewer("/settings/machines");
  const machines = await listOwnMachines(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold">Machines & data</h1>
      {machines.length === 0 && <p className="text-sm text-zinc-500">Nothing uploaded yet.</p>}
      {machines.map((m) => (
        <Section
          key={m.id}
          title={m.name}
          description={`${m.days} days of usage${m.first ? `, ${m.first} to ${m.last}` : ""}; last upload ${formatTime(m.last_upload_at, "never")}; last telemetry ${formatTime(m.last_telemetry_at, "never")}.`}
        >
          <div className="grid gap-6 md:grid-cols-2">
            <ActionForm
              testId={`rename-${m.name}`}
              action={renameOwnMachine}
              hidden={{ from: m.name }}
              submitLabel="Rename"
              fields={[{ name: "to", label: "New name", defaultValue: m.name }]}
            />
            <ActionForm
              testId={`delete-machine-${m.name}`}
              action={deleteOwnMachine}
              hidden={{ name: m.name }}
              danger
              submitLabel="Delete machine and its usage"
              fields={[{ name: "confirm", label: `Type "${m.name}" to confirm` }]}
            />
          </div>
        </Section>
      ))}
      <Section
        title="Delete usage for a date range"
        description="Removes these days from every machine of yours."
      >
        <ActionForm
          testId="delete-range"
          action={deleteOwnUsage}
          danger
          submitLabel="Delete usage"
          fields={[
            { name: "from", label: "From", type: "date" },
            { name: "to", label: "To", type: "date" },
            { name: "confirm", label: `Type your username (${viewer.username}) to confirm` },
          ]}
        />
      </Section>
    </>
  );
}
