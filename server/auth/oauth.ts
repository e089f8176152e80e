import "server-only";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";

// Optional single sign-on, each provider on only when its variables are set (see .env.example).
// There is no self-registration: a provider's sign-in is linked to an existing user by a verified email.

type Env = Record<string, string | undefined>;

export function oauthProviders(env: Env = process.env): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        authorization: { params: { scope: "read:user user:email" } },
      }),
    );
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME || "Single sign-on",
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  return providers;
}

/** Ids and names of the configured providers, for the sign-in page's buttons. */
export function oauthProviderList(env: Env = process.env): { id: string; name: string }[] {
  return oauthProviders(env).map((p) => {
    const provider = typeof p === "function" ? p() : p;
    return { id: provider.id, name: provider.name };
  });
}

/**
 * The email the provider vouches for, or null. OIDC issuers and Google say so in `email_verified`;
 * GitHub's profile email may be unverified, so its email list is asked.
 */
export async function verifiedEmail(
  provider: string,
  profile: Record<string, unknown> | undefined,
  accessToken: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  const email = typeof profile?.email === "string" ? profile.email.toLowerCase() : null;
  if (!email) return null;
  if (provider === "github") {
    if (!accessToken) return null;
    const response = await fetchImpl("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${accessToken}`, "User-Agent": "claude-code-stats" },
    });
    if (!response.ok) return null;
    const emails = (await response.json()) as { email: string; verified: boolean }[];
    return emails.some((e) => e.verified && e.email.toLowerCase() === email) ? email : null;
  }
  return profile?.email_verified === true ? email : null;
}
