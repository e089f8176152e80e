import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { adminExists } from "@/db/accounts/setup";
import { oauthProviderList } from "@/server/auth/oauth";
import { getViewer } from "@/server/auth/viewer";
import { safeRedirect } from "@/lib/safe-redirect";
import { signInWithPassword, signInWithProvider } from "./actions";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

const SSO_ERRORS: Record<string, string> = {
  unverified: "That account's email address is not verified, so it cannot be linked to a user here.",
  unknown: "No user here has that email address. Ask an admin to add it to your account.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const search = await searchParams;
  const callbackUrl = safeRedirect(search.callbackUrl);
  const providers = oauthProviderList();
  if (await getViewer()) redirect(callbackUrl);
  if (!(await adminExists())) redirect("/setup");
  return (
    <main className="mx-auto max-w-sm space-y-6 px-4 py-16">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {search.error && (
        <Alert tone="error" as="p" role="alert">
          {SSO_ERRORS[search.error] ?? "Signing in did not work. Try again."}
        </Alert>
      )}
      {providers.map((p) => (
        <ActionForm
          key={p.id}
          testId={`sso-${p.id}`}
          action={signInWithProvider}
          hidden={{ provider: p.id, callbackUrl }}
          fields={[]}
          submitLabel={`Sign in with ${p.name}`}
        />
      ))}
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
