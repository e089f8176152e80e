import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getViewer, type Viewer } from "./auth/viewer";
import { formatPath } from "@/lib/ccusage/parse";
import { AppError, type ErrorCode } from "@/lib/errors";
import { isDatabaseUnavailable, loggable } from "@/lib/errors";

// Every server action goes through `action()`: who may call it is declared, checked against the
// database-backed session, and the input is validated with zod. Failures come back as a small union the
// form shows next to its fields; unknown errors are logged and never shown.

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string>; details?: unknown };
    };

type Access = "public" | "member" | "admin";
type Context<A extends Access> = { viewer: A extends "public" ? Viewer | null : Viewer };

/** Marks the functions action() made, so a test can tell that every exported action is one. */
export const CHECKED_ACTION = Symbol.for("claude-code-stats.checked-action");

export function action<S extends z.ZodType, T, A extends Access>(
  access: A,
  schema: S,
  handler: (input: z.infer<S>, context: Context<A>) => Promise<T>,
  options: {
    /** Callable by someone who signed in with a one-time password and has not chosen their own yet. */
    beforeOwnPassword?: boolean;
  } = {},
) {
  const checked = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const viewer = await getViewer();
      if (access !== "public" && !viewer)
        throw new AppError("unauthorized", "Your session has ended: sign in again.");
      if (access === "admin" && viewer?.role !== "admin")
        throw new AppError("forbidden", "Only admins may do this.");
      if (viewer?.passwordMustChange && !options.beforeOwnPassword)
        throw new AppError("forbidden", "Choose your own password first (Settings → Profile).");
      const unsafe = unsafeTextPath(raw);
      if (unsafe !== null) {
        return {
          ok: false,
          error: {
            code: "invalid",
            message: "Please correct the highlighted fields.",
            fieldErrors: { [unsafe]: "must not contain NUL characters or broken Unicode" },
          },
        };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[formatPath(issue.path)] ??= issue.message;
        return {
          ok: false,
          error: { code: "invalid", message: "Please correct the highlighted fields.", fieldErrors },
        };
      }
      return { ok: true, data: await handler(parsed.data, { viewer } as Context<A>) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof AppError) {
        const fieldErrors = (error.details as { field?: string } | undefined)?.field
          ? { [(error.details as { field: string }).field]: error.message }
          : undefined;
        return {
          ok: false,
          error: { code: error.code, message: error.message, fieldErrors, details: error.details },
        };
      }
      if (isDatabaseUnavailable(error)) {
        console.error("[action] database unavailable:", loggable(error));
        return {
          ok: false,
          error: { code: "unavailable", message: "The database is unavailable. Try again shortly." },
        };
      }
      console.error("[action] internal error:", loggable(error));
      return { ok: false, error: { code: "internal", message: "Something went wrong on the server." } };
    }
  };
  return Object.assign(checked, { [CHECKED_ACTION]: access });
}

/**
 * The path of the first string in `value` that PostgreSQL cannot store as text (a NUL character, or a
 * lone UTF-16 surrogate), or null. Checked before any schema, so no action ever passes one on.
 */
export function unsafeTextPath(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === "string") return /[\u0000\p{Cs}]/u.test(value) ? formatPath(path) || "input" : null;
  if (typeof value !== "object" || value === null || path.length > 10) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unsafeTextPath(item, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found !== null) return found;
  }
  return null;
}

/** Destructive actions ask the person to type a name; a mismatch is a field error on "confirm". */
export function requireConfirmation(
  typed: string,
  expected: string,
  message = `Type "${expected}" to confirm.`,
) {
  if (typed.trim() !== expected) throw new AppError("invalid", message, { field: "confirm" });
}
