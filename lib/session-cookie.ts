// next-auth's session cookie: "authjs.session-token", "__Secure-" prefixed over HTTPS, and split into
// ".0", ".1", … parts when large.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Whether a request carries a session cookie at all (it may still be expired, forged or revoked). */
export function hasSessionCookie(names: Iterable<{ name: string }>): boolean {
  for (const { name } of names) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
