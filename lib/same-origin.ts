/**
 * Whether a browser request comes from a page of this site: its Origin names the host it was sent to
 * (X-Forwarded-Host behind a proxy), the same comparison Next makes for server actions. Requests without
 * an Origin (scripts) are not from a page.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0].trim();
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
