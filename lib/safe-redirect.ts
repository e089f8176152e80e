/**
 * Where to go after sign-in: only a path on this site. Absolute URLs, protocol-relative ("//evil"),
 * backslash tricks ("/\\evil"), paths that become protocol-relative once normalised ("/..//evil") and
 * anything else fall back to the home page.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !isLocalPath(target) || /[\u0000-\u001f]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://local.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === "http://local.invalid" && isLocalPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

const isLocalPath = (path: string) =>
  path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
