// The limits themselves are counted in the database, shared by every server: db/rate-limits.ts.

export const BAD_KEYS_PER_CLIENT_PER_MINUTE = 60;
export const FAILED_SIGN_INS_PER_CLIENT_PER_MINUTE = 20;

/**
 * The client's address: the last X-Forwarded-For entry, which the proxy in front appended (Next sets it
 * from the socket when there is no proxy). A client reaching the app directly could forge it, which is
 * one more reason the README puts a proxy in front.
 */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim().slice(0, 64) || "unknown";
}
