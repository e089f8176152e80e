import { AppError } from "@/lib/errors";
import { apiKeyOwner } from "@/server/auth/keys";
import { getViewer } from "@/server/auth/viewer";
import { teamExportResponse } from "@/server/export";
import { errorResponse, methodNotAllowed } from "@/server/http";
import { measured } from "@/server/metrics/http";

/**
 * GET /api/v1/export: everything, for a signed-in admin: the team's settings, groups, budgets, webhooks
 * (without secrets) and alerts, then every person as /api/v1/me/export has them. Streamed. Upload keys
 * cannot: a key kept in a script should not be able to take the whole team's data.
 */
export const GET = measured("/api/v1/export", async function GET(request: Request) {
  try {
    const viewer = await getViewer();
    if (!viewer) {
      if (await apiKeyOwner(request)) throw keysRefused();
      throw new AppError("unauthorized", "Sign in as an admin to export the team's data.");
    }
    if (viewer.role !== "admin")
      throw new AppError("forbidden", "Only admins may export the whole team's data.");
    return await teamExportResponse({ id: viewer.id, username: viewer.username, role: viewer.role });
  } catch (error) {
    return errorResponse(error);
  }
});

const keysRefused = () =>
  new AppError(
    "forbidden",
    "The team export needs an admin signed in; an upload key exports its owner's data only (/api/v1/me/export).",
  );

export const { POST, PUT, PATCH, DELETE } = measured("/api/v1/export", methodNotAllowed("GET"));
