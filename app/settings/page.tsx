import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Section } from "@/components/settings/section";
import { requireViewer } from "@/server/auth/viewer";
import { changePassword, deleteAccount, saveProfile } from "./actions";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const viewer = await requireViewer("/settings");
  const mustChange = viewer.passwordMustChange || (await searchParams).password === "required";
  return (
    <>
      <h1 className="text-2xl font-semibold">Profile</h1>
      {mustChange && (
        <Alert tone="warning" as="p" role="alert" data-testid="password-required">
          You signed in with a one-time password. Choose your own password to continue.
        </Alert>
      )}
      <Section title="Password">
        <ActionForm
          testId="password"
          action={changePassword}
          submitLabel="Change password"
          resetOnSuccess
          fields={[
            {
              name: "current",
              label: mustChange ? "One-time password" : "Current password",
              type: "password",
              autoComplete: "current-password",
            },
            {
              name: "next",
              label: "New password",
              type: "password",
              autoComplete: "new-password",
              help: "At least 10 characters.",
            },
            {
              name: "confirm",
              label: "Confirm new password",
              type: "password",
              autoComplete: "new-password",
            },
          ]}
        />
      </Section>
      <Section title="Profile" description={`Signed in as ${viewer.username} (${viewer.role}).`}>
        <ActionForm
          testId="profile"
          action={saveProfile}
          submitLabel="Save"
          fields={[
            { name: "displayName", label: "Display name", defaultValue: viewer.displayName },
            {
              name: "hidden",
              label: "Hide me from the leaderboard (my usage still counts in team totals)",
              type: "checkbox",
              defaultValue: String(viewer.hiddenFromLeaderboard),
            },
          ]}
        />
      </Section>
      <Section
        title="Delete my account"
        description="Deletes your account, keys, machines and all your usage. This cannot be undone."
      >
        <ActionForm
          testId="delete-account"
          action={deleteAccount}
          danger
          submitLabel="Delete my account"
          fields={[
            { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
            { name: "confirm", label: `Type your username (${viewer.username}) to confirm` },
          ]}
        />
      </Section>
    </>
  );
}
