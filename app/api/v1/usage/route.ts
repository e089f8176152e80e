import { requireUploader } from "@/server/auth/uploader";
import { errorResponse, methodNotAllowed, readJsonBody } from "@/server/http";
import { countUpload, countUploadError } from "@/server/metrics/count";
import { measured } from "@/server/metrics/http";
import { uploadReport } from "@/server/upload";
import { parseUploadParams } from "@/lib/upload-params";

/**
 * POST /api/v1/usage: the JSON of a per-day ccusage report, with `Authorization: Bearer <key>` (or the
 * upload page's own session). Options: X-Machine-Id header (or ?machine=), ?mode=replace, ?dryRun=1,
 * ?user=<name> (admins).
 */
export const POST = measured("/api/v1/usage", async function POST(request: Request) {
  try {
    const { by, rateKey } = await requireUploader(request);
    const params = parseUploadParams(new URL(request.url), request.headers);
    const result = await uploadReport({
      by,
      rateKey,
      params,
      readJson: (maxBytes) => readJsonBody(request, maxBytes),
    });
    countUpload(result);
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    countUploadError(error);
    return errorResponse(error);
  }
});

export const { GET, PUT, PATCH, DELETE } = measured("/api/v1/usage", methodNotAllowed("POST"));
