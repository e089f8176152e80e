import { ActionForm } from "@/components/action-form";
import { formatTime } from "@/lib/format";
import type { ActionResult } from "@/server/action";

export interface KeyRow {
  id: number;
  username?: string;
  name: string;
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
  kind: "personal" | "team";
  lastTelemetryAt: Date | null;
}

/** Keys with their hint (never the key or its hash) and a revoke button each, asking once more before it revokes. */
export function KeyTable({
  keys,
  revoke,
  showOwner = false,
}: {
  keys: KeyRow[];
  revoke: (values: never) => Promise<ActionResult<unknown>>;
  showOwner?: boolean;
}) {
  if (keys.length === 0) return <p className="text-sm text-zinc-500">No keys yet.</p>;
  return (
    // Relative: the visually hidden header below is positioned, and would widen the page otherwise.
    <div className="relative sm:overflow-x-auto">
      <table className="stacked-table w-full text-left text-sm" data-testid="keys">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            {showOwner && <th className="py-1 pr-3 font-medium">Owner</th>}
            <th className="py-1 pr-3 font-medium">Name</th>
            <th className="py-1 pr-3 font-medium">Key</th>
            <th className="py-1 pr-3 font-medium">Created</th>
            <th className="py-1 pr-3 font-medium">Last used</th>
            <th className="py-1 pr-3 font-medium">Last telemetry</th>
            <th className="py-1 pr-3 font-medium">Status</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            return (
              <tr
                key={key.id}
                className="border-t border-zinc-100 align-top dark:border-zinc-800"
                data-testid={`key-${key.id}`}
              >
                {showOwner && (
                  <td className="py-1.5 pr-3" data-label="Owner">
                    {key.kind === "team" ? `team key (by ${key.username})` : key.username}
                  </td>
                )}
                <td className="py-1.5 pr-3 font-medium sm:font-normal">{key.name}</td>
                <td className="py-1.5 pr-3 font-mono whitespace-nowrap" data-label="Key">
                  {key.hint}
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap" data-label="Created">
                  {formatTime(key.createdAt)}
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap" data-label="Last used">
                  {formatTime(key.lastUsedAt)}
                </td>
                <td
                  className="py-1.5 pr-3 whitespace-nowrap"
                  data-label="Last telemetry"
                  data-testid={`key-telemetry-${key.id}`}
                >
                  {formatTime(key.lastTelemetryAt)}
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap" data-label="Status">
                  {key.revokedAt
                    ? "revoked"
                    : key.expired
                      ? "expired"
                      : key.expiresAt
                        ? `expires ${key.expiresAt.toISOString().slice(0, 10)}`
                        : "active"}
                </td>
                <td className="py-1.5">
                  {!key.revokedAt && (
                    <ActionForm
                      testId={`revoke-${key.id}`}
                      action={revoke}
                      hidden={{ id: String(key.id) }}
                      fields={[]}
                      submitLabel="Revoke"
                      confirmLabel="Confirm revoke"
                      danger
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
