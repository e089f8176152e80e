import "server-only";
import { redirect } from "next/navigation";
import { apiKeyOwner } from "@/server/auth/keys";
import { getTeamSettings } from "@/db/team-settings";
import { AppError } from "@/lib/errors";
import { getViewer, type Viewer } from "./viewer";

// Who may read the dashboard: anyone signed in, anyone with a valid upload key (scripts), or everyone
// when the team made the dashboard public. Checked by every page and read endpoint itself.

export interface Reader {
  /** The signed-in person or the key's owner; null for an anonymous reader of a public dashboard. */
  viewer: Pick<Viewer, "id" | "username" | "role"> | null;
}

/** For pages: the reader, or a redirect to sign-in (or to choosing a password after a one-time one). */
export async function requirePageReader(returnTo: string): Promise<Reader> {
  const viewer = await getViewer();
  if (viewer?.passwordMustChange) redirect("/settings?password=required");
  if (viewer) return { viewer };
  if ((await getTeamSettings()).visibility === "public") return { viewer: null };
  redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
}

/** For read endpoints: the reader, or AppError 401 (a session cookie or a Bearer key is needed). */
export async function requireApiReader(request: Request): Promise<Reader> {
  const viewer = await getViewer();
  if (viewer) return { viewer };
  const owner = await apiKeyOwner(request);
  if (owner) return { viewer: owner };
  if ((await getTeamSettings()).visibility === "public") return { viewer: null };
  throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
}

/** Hidden people are visible only to themselves and admins. */
export function canSeePerson(
  reader: Reader,
  person: { id: number; hiddenFromLeaderboard: boolean },
): boolean {
  return !person.hiddenFromLeaderboard || reader.viewer?.id === person.id || reader.viewer?.role === "admin";
}
