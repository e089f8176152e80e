import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/session-cookie";
import { FORM_MAX_BYTES } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/server/http";
import { isSameOrigin } from "@/lib/same-origin";

// Early answers, none of which replaces the checks pages, actions and handlers make themselves: server
// actions from another site or with an oversized body are refused before Next reads the body (Next would
// answer both with a 500), malformed addresses are 404s, and signed-out visitors of private pages go to
// the sign-in page.

export function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) return checkAction(request);
  if (!decodes(request.nextUrl.pathname)) return notFound(request);
  const signInFirst = /^\/(settings(\/|$)|upload$)/.test(request.nextUrl.pathname);
  if (!signInFirst || hasSessionCookie(request.cookies.getAll())) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

/**
 * Next answers a path with a malformed escape ("%E0%A4%A") in a dynamic segment with a bare 500 before any
 * page or handler runs: such a path names nothing, so it is a 404 (in the error shape under /api).
 */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function notFound(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return errorResponse(
      new AppError("not_found", "There is nothing at this address: its escapes are malformed."),
    );
  }
  return NextResponse.rewrite(new URL("/_malformed-address", request.url), { status: 404 });
}

function checkAction(request: NextRequest) {
  if (request.method !== "POST") return NextResponse.next();
  // Without an Origin (scripts) there is no browser whose cookies could be abused; Next lets those through.
  if (request.headers.has("origin") && !isSameOrigin(request.headers)) {
    return errorResponse(new AppError("forbidden", "Actions are accepted from this site's own pages only."));
  }
  const length = request.headers.get("content-length");
  if (length === null) {
    return errorResponse(new AppError("length_required", "Send a Content-Length with the action."));
  }
  if (Number(length) > FORM_MAX_BYTES) {
    return errorResponse(
      new AppError("payload_too_large", `An action's body may be at most ${FORM_MAX_BYTES / 1024} KB.`),
    );
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/settings/:path*",
    "/upload",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    // Only paths with an escape in them (most have none: the proxy then never runs for them).
    "/:path(.*%.*)",
  ],
};
