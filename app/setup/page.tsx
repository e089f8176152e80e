import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { adminExists } from "@/db/accounts/setup";
import { setUpFirstAdmin } from "./actions";

export const metadata: Metadata = { title: "Set up" };

/** First run: while no admin exists, the first visitor creates one. Afterwards this page is gone. */
export default async function SetupPage() {
  if (await adminExists()) redirect("/signin");
  return (
    <main className="mx-auto max-w-sm space-y-6 px-4 py-16">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Set up Claude Code Stats</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Create the first admin account. You can invite everyone else afterwards.
        </p>
      </div>
      <ActionForm
        testId="setup"
        action={setUpFirstAdmin}
        submitLabel="Create admin"
        fields={[
          {
            name: "username",
            label: "Username",
            autoComplete: "username",
            help: "Letters, digits, '.', '_' or '-'.",
          },
          { name: "displayName", label: "Display name", autoComplete: "name" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            help: "At least 10 characters.",
          },
          { name: "confirm", label: "Confirm password", type: "password", autoComplete: "new-password" },
        ]}
      />
    </main>
  );
}
