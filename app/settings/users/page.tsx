import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { OneTimePasswordForm } from "@/components/settings/secret-forms";
import { Section } from "@/components/settings/section";
import { listUsers } from "@/db/accounts/users";
import { requireAdminViewer } from "@/server/auth/viewer";
import {
  adminCreateUser,
  adminDeleteUser,
  adminResetPassword,
  adminSetDisabled,
  adminSetRole,
} from "../admin-actions";

export const metadata: Metadata = { title: "Users" };

const ROLE_OPTIONS = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
];

export default async function UsersPage() {
  const viewer = await requireAdminViewer("/settings/users");
  const users = await listUsers(viewer);
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
      {users.map((user) => (
        <Section
          key={user.id}
          title={`${user.displayName} (${user.username})`}
          description={`${user.role}${user.disabledAt ? ", disabled" : ""}${user.canSignIn ? "" : ", upload-only"}; since ${user.createdAt.toISOString().slice(0, 10)}`}
        >
          <div className="grid gap-6 md:grid-cols-2" data-testid={`user-${user.username}`}>
            <ActionForm
              testId={`role-${user.username}`}
              action={adminSetRole}
              hidden={{ username: user.username }}
              submitLabel="Change role"
              fields={[
                {
                  name: "role",
                  label: "Role",
                  type: "select",
                  options: ROLE_OPTIONS,
                  defaultValue: user.role,
                },
              ]}
            />
            <OneTimePasswordForm
              testId={`reset-${user.username}`}
              action={adminResetPassword}
              hidden={{ username: user.username }}
              submitLabel="Reset password"
              fields={[]}
            />
            <ActionForm
              testId={`disable-${user.username}`}
              action={adminSetDisabled}
              hidden={{ username: user.username, disabled: String(!user.disabledAt) }}
              submitLabel={user.disabledAt ? "Enable" : "Disable"}
              fields={[]}
            />
            <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid={`state-${user.username}`}>
              {user.disabledAt
                ? "Disabled: cannot sign in or upload."
                : "Active. Disabling stops sign-ins and uploads at once."}
            </p>
            {user.id !== viewer.id && (
              <ActionForm
                testId={`delete-${user.username}`}
                action={adminDeleteUser}
                hidden={{ username: user.username }}
                danger
                submitLabel="Delete with all data"
                fields={[{ name: "confirm", label: `Type "${user.username}" to confirm` }]}
              />
            )}
          </div>
        </Section>
      ))}
    </>
  );
}
