import { DirLockedError } from "./dir-lock";

// One error type for failures a caller should see, with the HTTP status it maps to. Route handlers,
// server actions and the admin tool all report these; anything else is an internal error.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "length_required"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

/** PostgreSQL's own error, as either driver reports it. */
export interface DatabaseError {
  /** SQLSTATE, e.g. "23505" (unique_violation). */
  code: string;
  constraint?: string;
  detail?: string;
}

// SQLSTATE classes are two digits, or F0, HV, P0, XX (not Node's EPIPE and the like).
const SQLSTATE = /^([0-5][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/** The PostgreSQL error in `error`'s cause chain (Drizzle wraps the driver's), whichever driver raised it. */
export function databaseError(error: unknown): DatabaseError | undefined {
  type Raw = {
    code?: unknown;
    constraint?: string;
    constraint_name?: string;
    detail?: string;
    cause?: unknown;
  };
  for (let e = error as Raw | undefined; e; e = e.cause as Raw | undefined) {
    if (typeof e.code === "string" && SQLSTATE.test(e.code)) {
      return { code: e.code, constraint: e.constraint_name ?? e.constraint, detail: e.detail };
    }
  }
  return undefined;
}

/** True for PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return databaseError(error)?.code === "23505";
}

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
