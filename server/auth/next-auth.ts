import "server-only";
import { randomBytes } from "node:crypto";
import NextAuth, { AuthError, CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserByEmail, verifyCredentials } from "@/db/accounts/sign-in";
import { limits } from "@/db/rate-limits";
import { resolveAuthSecret } from "@/lib/auth-secret";
import { readDatabaseConfig } from "@/lib/config";
import { loggable } from "@/lib/errors";
import { clientAddress, FAILED_SIGN_INS_PER_CLIENT_PER_MINUTE } from "@/lib/rate-limit";
import { oauthProviders, verifiedEmail } from "./oauth";

declare module "next-auth" {
  interface Session {
    /** `sid` names this sign-in, so signing out ends it everywhere (db/sessions.ts). */
    user: { id: string; sessionVersion: number; sid: string } & DefaultSession["user"];
  }
}

/** Thrown from authorize() while a name is backing off, so the form can say "try again later". */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
}

/** Thrown from authorize() while the client has failed too often, whatever names it tried. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

// JWT sessions carry only the user id and session version; who the user is and what they may do is read
// from the database on every request (lib/auth/viewer.ts), so a disabled user or a changed role applies
// at once. The config is built lazily, and next-auth builds it on every call: the secret (from the
// environment, or generated into DATA_DIR on first use) is resolved once.
let secret: string | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: (secret ??= resolveAuthSecret(readDatabaseConfig().dataDir)),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 3600 },
  pages: { signIn: "/signin" },
  logger: {
    // A refused sign-in is routine: one line, no stack trace (next-auth prints about ten).
    error(error) {
      const type = error instanceof AuthError ? error.type : error.name;
      if (type === "CredentialsSignin") return console.warn("[auth] a sign-in was refused");
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      console.error(`[auth] ${type}: ${error.message.split("\n")[0]}`, cause ? loggable(cause) : "");
    },
    warn: (code) => console.warn(`[auth] warning: ${code}`),
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(credentials, request) {
        // Each client may fail only so often, whatever names it tries (a name also backs off by itself).
        // The attempt is counted before the password is checked, and taken back if it was right.
        const client = clientAddress(request.headers);
        if (!(await limits.signIns.hit(client, FAILED_SIGN_INS_PER_CLIENT_PER_MINUTE)).ok)
          throw new SignInThrottled();
        const result = await verifyCredentials(
          String(credentials?.username ?? ""),
          String(credentials?.password ?? ""),
        );
        if (!result.ok) {
          if (result.retryAfterSeconds) throw new SignInLocked();
          return null;
        }
        await limits.signIns.undo(client, FAILED_SIGN_INS_PER_CLIENT_PER_MINUTE);
        return {
          id: String(result.user.id),
          name: result.user.username,
          sessionVersion: result.user.sessionVersion,
        };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Single sign-on only for existing, enabled users whose email the provider has verified.
    async signIn({ account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const email = await verifiedEmail(
        account.provider,
        profile as Record<string, unknown>,
        account.access_token,
      );
      if (!email) return "/signin?error=unverified";
      return (await findUserByEmail(email)) ? true : "/signin?error=unknown";
    },
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== "credentials") {
        const linked = await findUserByEmail(
          String((profile as { email?: string } | undefined)?.email ?? ""),
        );
        if (!linked) throw new Error("single sign-on user vanished between sign-in and session");
        token.uid = String(linked.id);
        token.sv = linked.sessionVersion;
        token.sid = randomBytes(18).toString("base64url");
      } else if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.sid = randomBytes(18).toString("base64url");
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.sessionVersion = Number(token.sv ?? 0);
      session.user.sid = String(token.sid ?? "");
      return session;
    },
  },
}));
