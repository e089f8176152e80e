import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { adminExists } from "@/db/setup";
import { getViewer } from "@/lib/auth/viewer";
import { safeRedirect } from "@/lib/safe-redirect";
import { signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = safeRedirect((await searchParams).callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  if (!(await adminExists())) redirect("/setup");
  return (
    <main className="mx-auto max-w-sm space-y-6 px-4 py-16">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <ActionForm
        testId="signin"
        action={signInWithPassword}
        hidden={{ callbackUrl }}
        submitLabel="Sign in"
        fields={[
          { name: "username", label: "Username", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
    </main>
  );
}
