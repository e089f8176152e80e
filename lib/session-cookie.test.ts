import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "./session-cookie";

const jar = (...names: string[]) => names.map((name) => ({ name }));

describe("hasSessionCookie", () => {
  it("finds next-auth's session cookie, secure or not, whole or in parts", () => {
    expect(hasSessionCookie(jar("theme", "authjs.session-token"))).toBe(true);
    expect(hasSessionCookie(jar("__Secure-authjs.session-token"))).toBe(true);
    expect(hasSessionCookie(jar("authjs.session-token.0", "authjs.session-token.1"))).toBe(true);
  });

  it("ignores other cookies, including next-auth's own", () => {
    expect(hasSessionCookie(jar())).toBe(false);
    expect(hasSessionCookie(jar("authjs.csrf-token", "authjs.callback-url", "theme"))).toBe(false);
    expect(hasSessionCookie(jar("xauthjs.session-token", "authjs.session-token-old"))).toBe(false);
  });
});
