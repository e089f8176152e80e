import "server-only";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Person } from "@/lib/principal";
import { teamSettings } from "../queries";
import { apiKeyOwner } from "./keys";
import { getViewer } from "./viewer";

// Who may read the dashboard: anyone signed in, anyone with a valid upload key (scripts), or everyone
// when the team made the dashboard public. Checked by every page and read endpoint itself. A reader is
// the signed-in person or the key's owner, or null for an anonymous reader of a public dashboard.

/** For pages: the reader, or a redirect to sign-in (or to choosing a password after a one-time one). */
export async function requirePageReader(returnTo: string): Promise<Person | null> {
  const viewer = await getViewer();
  if (viewer?.passwordMustChange) redirect("/settings?password=required");
  if (viewer) return viewer;
  if ((await teamSettings()).visibility === "public") return null;
  redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
}

/** For read endpoints: the reader, or AppError 401 (a session cookie or a Bearer key is needed). */
export async function requireApiReader(request: Request): Promise<Person | null> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const owner = await apiKeyOwner(request);
  if (owner) return owner;
  if ((await teamSettings()).visibility === "public") return null;
  throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
}

/** Hidden people are visible only to themselves and admins. */
export function canSeePerson(
  reader: Person | null,
  person: { id: number; hiddenFromLeaderboard: boolean },
): boolean {
  return !person.hiddenFromLeaderboard || reader?.id === person.id || reader?.role === "admin";
}
