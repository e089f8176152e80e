import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Section } from "@/components/settings/section";
import { listGroups } from "@/db/groups/admin";
import { requireAdminViewer } from "@/server/auth/viewer";
import { adminAddToGroup, adminCreateGroup, adminDeleteGroup, adminRemoveFromGroup } from "./actions";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  await requireAdminViewer("/settings/groups");
  const groups = await listGroups();
  return (
    <>
      <h1 className="text-2xl font-semibold">Groups</h1>
      <Section
        title="Create a group"
        description="Groups split the team for the dashboard (?group=) and the group comparison. A person can be in several."
      >
        <ActionForm
          testId="create-group"
          action={adminCreateGroup}
          submitLabel="Create group"
          resetOnSuccess
          fields={[
            { name: "name", label: "Name", help: "Used in links: letters, digits, '.', '_' or '-'." },
            { name: "displayName", label: "Display name (optional)" },
          ]}
        />
      </Section>
      {groups.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No groups yet.</p>}
      {groups.map((group) => (
        <Section key={group.id} title={`${group.displayName} (${group.name})`}>
          <div data-testid={`group-${group.name}`} className="space-y-4">
            <p className="text-sm">
              <Link href={`/?group=${encodeURIComponent(group.name)}`} className="underline">
                Leaderboard of this group
              </Link>
            </p>
            {group.members.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody is in this group yet.</p>
            ) : (
              <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Members">
                {group.members.map((username) => (
                  <li key={username} className="flex items-center justify-between gap-3 py-1.5">
                    <Link href={`/users/${encodeURIComponent(username)}`} className="hover:underline">
                      {username}
                    </Link>
                    <ActionForm
                      testId={`remove-${group.name}-${username}`}
                      action={adminRemoveFromGroup}
                      hidden={{ group: group.name, username }}
                      submitLabel="Remove"
                      fields={[]}
                    />
                  </li>
                ))}
              </ul>
            )}
            <ActionForm
              testId={`add-${group.name}`}
              action={adminAddToGroup}
              hidden={{ group: group.name }}
              submitLabel="Add"
              resetOnSuccess
              fields={[
                { name: "usernames", label: "Add people", help: "Usernames, separated by spaces or commas." },
              ]}
            />
            <ActionForm
              testId={`delete-${group.name}`}
              action={adminDeleteGroup}
              hidden={{ group: group.name }}
              danger
              submitLabel="Delete group"
              fields={[{ name: "confirm", label: `Type "${group.name}" to confirm` }]}
            />
          </div>
        </Section>
      ))}
    </>
  );
}
