import { describe, expect, it } from "vitest";
import { oauthProviderList, verifiedEmail } from "./oauth";

describe("single sign-on", () => {
  it("is off unless configured, and each provider needs all its variables", () => {
    expect(oauthProviderList({})).toEqual([]);
    expect(oauthProviderList({ AUTH_GITHUB_ID: "id" })).toEqual([]);
    expect(
      oauthProviderList({
        AUTH_GITHUB_ID: "a",
        AUTH_GITHUB_SECRET: "b",
        AUTH_GOOGLE_ID: "c",
        AUTH_GOOGLE_SECRET: "d",
        AUTH_OIDC_ISSUER: "https://id.example.com",
        AUTH_OIDC_ID: "e",
        AUTH_OIDC_SECRET: "f",
        AUTH_OIDC_NAME: "Acme SSO",
      }),
    ).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "oidc", name: "Acme SSO" },
    ]);
  });

  it("links only emails the provider verified", async () => {
    expect(await verifiedEmail("oidc", { email: "Ann@Example.com", email_verified: true }, undefined)).toBe(
      "ann@example.com",
    );
    expect(
      await verifiedEmail("google", { email: "ann@example.com", email_verified: false }, undefined),
    ).toBeNull();
    expect(await verifiedEmail("oidc", { email: "ann@example.com" }, undefined)).toBeNull();

    // GitHub: the profile email counts only if GitHub's email list marks it verified.
    const github = (emails: unknown) =>
      (async () => new Response(JSON.stringify(emails))) as unknown as typeof fetch;
    expect(
      await verifiedEmail(
        "github",
        { email: "ann@example.com" },
        "token",
        github([{ email: "ann@example.com", verified: true }]),
      ),
    ).toBe("ann@example.com");
    expect(
      await verifiedEmail(
        "github",
        { email: "ann@example.com" },
        "token",
        github([{ email: "ann@example.com", verified: false }]),
      ),
    ).toBeNull();
    expect(await verifiedEmail("github", { email: "ann@example.com" }, undefined)).toBeNull();
  });
});
