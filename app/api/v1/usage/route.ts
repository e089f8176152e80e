import { requireApiKey } from "@/lib/api-auth";
import { AppError } from "@/lib/errors";
import { errorResponse, readJsonBody } from "@/lib/http";
import { uploadReport } from "@/lib/upload";
import { parseUploadParams } from "@/lib/upload-params";

/**
 * POST /api/v1/usage: the JSON of a per-day ccusage report, with `Authorization: Bearer <key>`.
 * Options: X-Machine-Id header (or ?machine=), ?mode=replace, ?dryRun=1, ?user=<name> (admins).
 */
export async function POST(request: Request) {
  try {
    const uploader = await requireApiKey(request);
    const params = parseUploadParams(new URL(request.url), request.headers);
    const result = await uploadReport({
      uploader,
      rateKey: `key:${uploader.keyId}`,
      params,
      readJson: (maxBytes) => readJsonBody(request, maxBytes),
    });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, headersFor(error));
  }
}

function headersFor(error: unknown): HeadersInit | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === "unauthorized") return { "WWW-Authenticate": 'Bearer realm="claude-code-stats"' };
  if (error.code === "rate_limited") {
    return { "Retry-After": String((error.details as { retryAfterSeconds: number }).retryAfterSeconds) };
  }
  return undefined;
}
