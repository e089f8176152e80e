import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

// An early redirect only: pages, actions and handlers check the session themselves (a cookie that is
// present may still be expired, forged, or belong to a disabled user).

export function proxy(request: NextRequest) {
  if (hasSessionCookie(request.cookies.getAll())) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/settings/:path*", "/upload"] };
