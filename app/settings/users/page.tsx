import type { Metadata } from "next";
import Link from "next/link";
import { OneTimePasswordForm } from "@/components/settings/secret-forms";
import { Section } from "@/components/settings/section";
import { SMALL_INPUT } from "@/components/ui/input";
import { buttonClass } from "@/components/ui/button";
import { listUsers } from "@/db/accounts/users";
import { matchesSearch } from "@/lib/people-search";
import { requireAdminViewer } from "@/server/auth/viewer";
import { adminCreateUser } from "../admin-actions";
import { ROLE_OPTIONS } from "./person-forms";
import { UserTable } from "./user-table";

export const metadata: Metadata = { title: "Users" };

type Search = Promise<{ q?: string | string[] }>;

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const viewer = await requireAdminViewer("/settings/users");
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const users = await listUsers(viewer);
  // Filtered here from the list the page reads anyway: a team is small, and a GET form keeps the
  // search in the URL (shareable, and it works before the page's script has loaded).
  const shown = users.filter((user) => matchesSearch(user, query));
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <Section
        title="Add a person"
        description="They sign in with a one-time password and then choose their own."
      >
        <OneTimePasswordForm
          testId="create-user"
          action={adminCreateUser}
          submitLabel="Create user"
          fields={[
            { name: "username", label: "Username" },
            { name: "displayName", label: "Display name" },
            { name: "email", label: "Email (optional)", type: "email" },
            { name: "role", label: "Role", type: "select", options: ROLE_OPTIONS, defaultValue: "member" },
          ]}
        />
      </Section>
      <Section title="Everyone" description="Manage opens a person's role, password, access and deletion.">
        <form method="get" role="search" className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="user-search" className="sr-only">
            Search by name, username or email
          </label>
          <input
            id="user-search"
            type="search"
            name="q"
            defaultValue={query}
            placeholder="Name, username or email"
            className={`${SMALL_INPUT} min-w-0 flex-1 sm:max-w-xs`}
          />
          <button type="submit" className={buttonClass("outline", "sm")}>
            Search
          </button>
        </form>
        {query && (
          <p
            className="text-sm text-zinc-600 dark:text-zinc-400"
            role="status"
            data-testid="user-search-count"
          >
            {shown.length} of {users.length} match “{query}”.{" "}
            <Link href="/settings/users" className="underline">
              Show everyone
            </Link>
          </p>
        )}
        {shown.length > 0 && <UserTable users={shown} viewerId={viewer.id} />}
      </Section>
    </>
  );
}
