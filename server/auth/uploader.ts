import "server-only";
import { AppError } from "@/lib/errors";
import type { Person } from "@/lib/principal";
import { isSameOrigin } from "@/lib/same-origin";
import { requireApiKey } from "./keys";
import { getViewer } from "./viewer";

/**
 * Who is uploading: the owner of the request's key (scripts, cron), or the signed-in person on the upload
 * page. A session counts only from this site's own pages, so another site cannot upload with the cookie.
 * `rateKey` names the credential the upload rate limit counts against.
 */
export async function requireUploader(request: Request): Promise<{ by: Person; rateKey: string }> {
  if (!request.headers.has("authorization")) {
    const viewer = await getViewer();
    if (viewer && isSameOrigin(request.headers)) {
      if (viewer.passwordMustChange) {
        throw new AppError("forbidden", "Choose your own password first (Settings → Profile).");
      }
      return { by: viewer, rateKey: `user:${viewer.id}` };
    }
  }
  const owner = await requireApiKey(request);
  return { by: owner, rateKey: `key:${owner.keyId}` };
}
