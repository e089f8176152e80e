import { DirLockedError } from "../lib/dir-lock";
import { AppError, databaseError } from "../lib/errors";
import { formatBytes } from "../lib/format";

// Response helpers for route handlers: one error body everywhere, {"error":{"code","message","details"?}}.

/**
 * An error as it may be logged. Drizzle's "Failed query" errors carry the query's parameters (key hashes,
 * emails, usage), and PostgreSQL's own errors quote the values they refused and name the data around them
 * (detail, where): only the statement, the SQLSTATE, the constraint and the message without its quoted
 * values are kept.
 */
export function loggable(error: unknown): unknown {
  if (error instanceof Error && error.message.startsWith("Failed query:")) {
    const statement = error.message.split("\nparams:")[0];
    return { message: `${statement} (parameters omitted)`, cause: loggable(error.cause) };
  }
  const refused = databaseError(error);
  if (refused && error instanceof Error && (error as { code?: string }).code === refused.code) {
    return {
      code: refused.code,
      ...(refused.constraint ? { constraint: refused.constraint } : {}),
      message: error.message.replace(/"[^"]*"/g, '"…"'),
    };
  }
  return error;
}

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

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "DATABASE_DEADLINE", // db/client.ts: no answer within the statement and connect timeouts
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement timeout)
]);

/** True when the database could not be reached or dropped the connection (worth retrying), whichever driver. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e instanceof DirLockedError) return true;
    if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith("08"))) return true;
  }
  return false;
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
