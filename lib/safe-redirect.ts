/**
 * Where to go after sign-in: only a path on this site. Absolute URLs, protocol-relative ("//evil"),
 * backslash tricks ("/\\evil") and anything else fall back to the home page.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  if (target.startsWith("//") || target.startsWith("/\\") || /[\u0000-\u001f]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://local.invalid");
    return url.origin === "http://local.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
