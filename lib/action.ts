import { z } from "zod";
import { formatPath } from "./ccusage/parse";
import { AppError, type ErrorCode } from "./errors";
import { isDatabaseUnavailable } from "./http";

// Every server action goes through `action()`: input validated with zod, failures returned as a small
// union the form can show next to its fields, unknown errors logged and never shown.

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string>; details?: unknown };
    };

export function action<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[formatPath(issue.path)] ??= issue.message;
      return {
        ok: false,
        error: { code: "invalid", message: "Please correct the highlighted fields.", fieldErrors },
      };
    }
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      }
      if (isDatabaseUnavailable(error)) {
        console.error("[action] database unavailable:", error);
        return {
          ok: false,
          error: { code: "unavailable", message: "The database is unavailable. Try again shortly." },
        };
      }
      console.error("[action] internal error:", error);
      return { ok: false, error: { code: "internal", message: "Something went wrong on the server." } };
    }
  };
}
