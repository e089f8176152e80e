import Link from "next/link";
import { PersonRows } from "@/components/settings/person-rows";
import type { listUsers } from "@/db/accounts/users";
import { PersonForms } from "./person-forms";

type User = Awaited<ReturnType<typeof listUsers>>[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Everyone, one row each, with their forms behind a Manage button. Below sm the header goes and each
 * person becomes a block (see PersonRows), so a phone never scrolls sideways.
 */
export function UserTable({ users, viewerId }: { users: User[]; viewerId: number }) {
  return (
    <table className="block w-full text-left text-sm sm:table" data-testid="users">
      <thead className="hidden text-xs text-zinc-500 sm:table-header-group dark:text-zinc-400">
        <tr>
          <th className="py-1 pr-3 font-medium">Person</th>
          <th className="py-1 pr-3 font-medium">Role</th>
          <th className="py-1 pr-3 font-medium">Status</th>
          <th className="py-1 pr-3 font-medium">Uploads with</th>
          <th className="hidden py-1 pr-3 font-medium lg:table-cell">Added</th>
          <th className="py-1 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      {users.map((user) => (
        <PersonRows
          key={user.id}
          name={user.displayName}
          columns={6}
          testId={`user-${user.username}`}
          cells={
            <>
              <td className="w-full min-w-0 sm:w-auto sm:py-2 sm:pr-3">
                <Link
                  href={`/users/${encodeURIComponent(user.username)}`}
                  className="font-medium hover:underline"
                >
                  {user.displayName}
                </Link>
                <div className="text-xs break-all text-zinc-500 dark:text-zinc-400">
                  {user.username}
                  {user.email && ` · ${user.email}`}
                </div>
              </td>
              <td className="sm:py-2 sm:pr-3">{user.role}</td>
              <td className="sm:py-2 sm:pr-3" data-testid={`state-${user.username}`}>
                {user.disabledAt ? (
                  <span className="font-medium text-red-700 dark:text-red-400">Disabled</span>
                ) : (
                  "Active"
                )}
                {!user.canSignIn && <span className="text-zinc-500 dark:text-zinc-400">, upload-only</span>}
              </td>
              <td className="text-zinc-600 sm:py-2 sm:pr-3 dark:text-zinc-400">
                {plural(user.activeKeys, "key")}, {plural(user.machines, "machine")}
              </td>
              <td className="hidden whitespace-nowrap sm:py-2 sm:pr-3 lg:table-cell">
                {user.createdAt.toISOString().slice(0, 10)}
              </td>
            </>
          }
        >
          <PersonForms user={user} isViewer={user.id === viewerId} />
        </PersonRows>
      ))}
    </table>
  );
}
