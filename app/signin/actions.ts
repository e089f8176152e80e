"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { endSession } from "@/db/accounts/sessions";
import { auth, SESSION_MAX_AGE_SECONDS, signIn, signOut } from "@/server/auth/next-auth";
import { oauthProviderList } from "@/server/auth/oauth";
import { action } from "@/server/action";
import { AppError } from "@/lib/errors";
import { safeRedirect } from "@/lib/safe-redirect";

const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your username."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

export const signInWithPassword = action("public", signInSchema, async (input) => {
  try {
    // On success this throws a redirect, which the action wrapper passes through.
    await signIn("credentials", {
      username: input.username,
      password: input.password,
      redirectTo: safeRedirect(input.callbackUrl),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "locked") {
        throw new AppError(
          "rate_limited",
          "Too many failed attempts for this username. Wait a few minutes and try again.",
        );
      }
      if (code === "throttled") {
        throw new AppError(
          "rate_limited",
          "Too many failed sign-ins from your network. Wait a minute and try again.",
        );
      }
      throw new AppError("unauthorized", "Wrong username or password.");
    }
    throw error;
  }
  return { message: "Signed in." };
});

// The one action outside action(): a plain <form action> that takes no input and only ends the caller's
// own session (a form action must not return a result).
export async function signOutAction() {
  const session = await auth();
  const userId = Number(session?.user?.id);
  if (session?.user?.sid && Number.isInteger(userId) && userId > 0) {
    await endSession({ sid: session.user.sid, userId }, SESSION_MAX_AGE_SECONDS);
  }
  await signOut({ redirectTo: "/signin" });
}

const providerSchema = z.object({ provider: z.string().min(1), callbackUrl: z.string().optional() });

/** Starts single sign-on with a configured provider (redirects to it). */
export const signInWithProvider = action("public", providerSchema, async (input) => {
  if (!oauthProviderList().some((p) => p.id === input.provider)) {
    throw new AppError("invalid", "That sign-in method is not set up here.");
  }
  await signIn(input.provider, { redirectTo: safeRedirect(input.callbackUrl) });
  return { message: "Redirecting…" };
});
