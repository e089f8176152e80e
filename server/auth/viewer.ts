import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { findSignedInUser } from "@/db/accounts/sessions";
import type { Person } from "@/lib/principal";
import { auth } from "./next-auth";
import { hasSessionCookie } from "@/lib/session-cookie";

/** The signed-in person, with what pages show of them. */
export interface Viewer extends Person {
  displayName: string;
  email: string | null;
  passwordMustChange: boolean;
  hiddenFromLeaderboard: boolean;
}

/**
 * The signed-in person, read fresh from the database once per request: null when signed out, or when the
 * account was deleted, disabled, or its sessions were ended (session version bumped, or this session
 * signed out) since sign-in.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // Scripts and anonymous readers of a public dashboard send no session cookie: nothing for next-auth to do.
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await findSignedInUser(id, session!.user.sid);
  if (!user || user.sessionVersion !== session!.user.sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    passwordMustChange: user.passwordMustChange,
    hiddenFromLeaderboard: user.hiddenFromLeaderboard,
  };
});

/** For pages: the viewer, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireViewer(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** For admin pages: the admin viewer; members get a 403, signed-out visitors the sign-in page. */
export async function requireAdminViewer(returnTo: string): Promise<Viewer> {
  const viewer = await requireViewer(returnTo);
  if (viewer.role !== "admin") forbidden();
  return viewer;
}
