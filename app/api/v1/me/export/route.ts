import { AppError } from "@/lib/errors";
import { apiKeyOwner } from "@/server/auth/keys";
import { getViewer } from "@/server/auth/viewer";
import { personExportResponse } from "@/server/export";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";

/**
 * GET /api/v1/me/export: everything stored about the signed-in person (or the owner of the upload key
 * sent as `Authorization: Bearer <key>`), as a JSON download. Never anyone else's.
 */
export const GET = measured("/api/v1/me/export", async function GET(request: Request) {
  try {
    const viewer = (await getViewer()) ?? (await apiKeyOwner(request));
    if (!viewer)
      throw new AppError(
        "unauthorized",
        "Sign in, or send your upload key as `Authorization: Bearer <key>`.",
      );
    const person = { id: viewer.id, username: viewer.username, role: viewer.role };
    return await personExportResponse(person, person);
  } catch (error) {
    return errorResponse(error);
  }
});

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/me/export", methodNotAllowed("GET"));
