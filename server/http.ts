import "server-only";
import { AppError, isDatabaseUnavailable, loggable } from "@/lib/errors";
import { formatBytes } from "@/lib/format";

// Response helpers for route handlers: one error body everywhere, {"error":{"code","message","details"?}}.

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
    const body = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
    return Response.json(body, { status: error.status, headers: { ...headersFor(error), ...headers } });
  }
  if (isDatabaseUnavailable(error)) {
    console.error("[api] database unavailable:", loggable(error));
    return Response.json(
      { error: { code: "unavailable", message: "The database is unavailable. Try again shortly." } },
      { status: 503, headers: { "Retry-After": "5", ...headers } },
    );
  }
  // Unknown failures: the cause goes to the log only (it may hold SQL, paths or data).
  console.error("[api] internal error:", loggable(error));
  return Response.json(
    { error: { code: "internal", message: "Internal server error." } },
    { status: 500, headers },
  );
}

/** What the status promises a client: how long to wait, or how to authenticate. */
function headersFor(error: AppError): Record<string, string> {
  if (error.code === "unauthorized") return { "WWW-Authenticate": 'Bearer realm="claude-code-stats"' };
  const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return wait ? { "Retry-After": String(wait) } : {};
}

// curl --data-binary sends application/x-www-form-urlencoded unless told otherwise (the usual
// one-liner omits -H Content-Type), so that and text/plain are read as JSON too.
const JSON_LIKE = new Set([
  "application/json",
  "text/json",
  "text/plain",
  "application/x-www-form-urlencoded",
]);

/** Reads a JSON request body: 415 for other media types, 413 past `maxBytes`, 400 (with line and column) for bad JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type && !JSON_LIKE.has(type) && !type.endsWith("+json")) {
    throw new AppError(
      "unsupported_media_type",
      `Send the report as JSON (Content-Type: application/json), not ${type}.`,
    );
  }
  const body = await readBody(request, maxBytes);
  const text = body.toString("utf8");
  if (text.trim() === "") {
    throw new AppError(
      "bad_request",
      "The body is empty: send the JSON that `ccusage claude daily --json` prints.",
    );
  }
  return parseJson(text);
}

/** A request's body, refusing more than `maxBytes` (by its Content-Length, or while reading) with a 413. */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The body is larger than the ${formatBytes(maxBytes)} limit.`, {
      limitBytes: maxBytes,
    });
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
    if (Number.isNaN(position)) throw new AppError("bad_request", `The body is not valid JSON: ${message}.`);
    const before = text.slice(0, position).split("\n");
    const where = { line: before.length, column: before.at(-1)!.length + 1, position };
    const reason = message.replace(/ in JSON at position \d+.*$/, "");
    throw new AppError(
      "bad_request",
      `The body is not valid JSON: ${reason} at line ${where.line}, column ${where.column}.`,
      where,
    );
  }
}

/** Handlers for the methods a route does not take: 405 in the error shape, with Allow. */
export function methodNotAllowed(...allowed: string[]) {
  const handler = () =>
    errorResponse(new AppError("method_not_allowed", `This address takes ${allowed.join(" and ")} only.`), {
      Allow: allowed.join(", "),
    });
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}

/** This server's public origin, as the browser reached it (proxies set the x-forwarded-* headers). */
export function requestOrigin(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto =
    headers.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}
