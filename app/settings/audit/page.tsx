import type { Metadata } from "next";
import Link from "next/link";
import { listAudit } from "@/db/accounts/admin";
import { requireAdminViewer } from "@/server/auth/viewer";
import { isStorableName } from "@/lib/path-segment";
import { withParams } from "@/lib/url";
import { CARD } from "@/components/ui/card";
import { SMALL_INPUT } from "@/components/ui/input";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit log" };

type Search = Promise<{ action?: string; actor?: string; before?: string }>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const viewer = await requireAdminViewer("/settings/audit");
  const params = await searchParams;
  // Filters come from the URL: values nothing can match (text with NUL, ids past any id) are left out.
  const before = Number(params.before);
  const text = (value?: string) => (value && isStorableName(value, 200) ? value : undefined);
  const filter = {
    action: text(params.action),
    actor: text(params.actor),
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
  const ignored = (["action", "actor", "before"] as const).filter((k) => params[k] && !filter[k]);
  const entries = await listAudit(viewer, { ...filter, limit: 100 });
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Action starts with</span>
          <input name="action" defaultValue={params.action} placeholder="e.g. key." className={SMALL_INPUT} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Who</span>
          <input
            name="actor"
            defaultValue={params.actor}
            placeholder="username or cli"
            className={SMALL_INPUT}
          />
        </label>
        <button type="submit" className={buttonClass("outline", "sm")}>
          Filter
        </button>
      </form>
      {ignored.length > 0 && (
        <p className="text-sm text-amber-700 dark:text-amber-400" data-testid="audit-ignored">
          Not a valid filter, left out: {ignored.join(", ")}.
        </p>
      )}
      <div className={`${CARD} px-3 sm:overflow-x-auto sm:px-0`}>
        <table className="stacked-table w-full text-left text-sm" data-testid="audit">
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2 font-medium">When (UTC)</th>
              <th className="px-3 py-2 font-medium">Who</th>
              <th className="px-3 py-2 font-medium">Action</th>
              <th className="px-3 py-2 font-medium">Target</th>
              <th className="px-3 py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-3 py-1.5 whitespace-nowrap" data-label="When">
                  {e.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                </td>
                <td className="px-3 py-1.5" data-label="Who">
                  {e.actorName}
                </td>
                <td className="px-3 py-1.5 font-mono" data-label="Action">
                  {e.action}
                </td>
                <td className="px-3 py-1.5 break-all" data-label="Target">
                  {e.target}
                </td>
                <td className="px-3 py-1.5 font-mono text-xs break-all" data-label="Details">
                  {e.details ? JSON.stringify(e.details) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 100 && (
        <Link
          className="text-sm underline"
          href={`/settings/audit${withParams(params, { before: String(entries.at(-1)!.id) })}`}
        >
          Older entries
        </Link>
      )}
    </>
  );
}
