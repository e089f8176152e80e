import { NextResponse, type NextRequest } from "next/server";

// An early redirect only: pages, actions and handlers check the session themselves (a cookie that is
// present may still be expired, forged, or belong to a disabled user).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/settings/:path*", "/upload"] };
