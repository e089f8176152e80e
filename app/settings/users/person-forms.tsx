import { ActionForm } from "@/components/action-form";
import { OneTimePasswordForm } from "@/components/settings/secret-forms";
import { adminDeleteUser, adminResetPassword, adminSetDisabled, adminSetRole } from "../admin-actions";

export const ROLE_OPTIONS = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
];

/** What an admin can do to one person: the users table shows these under the person's Manage button. */
export function PersonForms({
  user,
  isViewer,
}: {
  user: { username: string; role: string; disabledAt: Date | null };
  isViewer: boolean;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <ActionForm
        testId={`role-${user.username}`}
        action={adminSetRole}
        hidden={{ username: user.username }}
        submitLabel="Change role"
        fields={[
          { name: "role", label: "Role", type: "select", options: ROLE_OPTIONS, defaultValue: user.role },
        ]}
      />
      <OneTimePasswordForm
        testId={`reset-${user.username}`}
        action={adminResetPassword}
        hidden={{ username: user.username }}
        submitLabel="Reset password"
        fields={[]}
      />
      <div className="space-y-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {user.disabledAt
            ? "Disabled: cannot sign in or upload."
            : "Disabling stops sign-ins and uploads at once; their data stays."}
        </p>
        <ActionForm
          testId={`disable-${user.username}`}
          action={adminSetDisabled}
          hidden={{ username: user.username, disabled: String(!user.disabledAt) }}
          submitLabel={user.disabledAt ? "Enable" : "Disable"}
          // Disabling locks someone out mid-work: asked once more. Enabling harms no one.
          confirmLabel={user.disabledAt ? undefined : `Confirm disable`}
          danger={!user.disabledAt}
          fields={[]}
        />
      </div>
      {!isViewer && (
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
  );
}
