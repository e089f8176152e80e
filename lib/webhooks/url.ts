import { z } from "zod";

// Webhook addresses: validated when an admin adds one, and redacted wherever they are shown (a Slack or
// Discord webhook URL is itself the credential: its long path segment is the token).

/** An http(s) URL, normalised; the message names what is wrong. */
export const webhookUrlSchema = z
  .string("must be a URL")
  .trim()
  .min(1, "must not be empty")
  .max(2000, "must be at most 2000 characters")
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "must be a full URL such as https://hooks.example.com/alerts",
      });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({
        code: "custom",
        message: `must start with http:// or https:// (not ${url.protocol}//)`,
      });
      return z.NEVER;
    }
    url.hash = "";
    return url.toString();
  });

/** The secret that signs deliveries: printable, long enough to be worth something. */
export const webhookSecretSchema = z
  .string()
  .trim()
  .min(16, "must be at least 16 characters")
  .max(200, "must be at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

const TOKEN_LIKE = 16;

/** The URL as it may be shown: no user or password, no query, long (token-like) path segments cut. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "(invalid URL)";
  }
  const credentials = url.username || url.password ? "***@" : "";
  const path = url.pathname
    .split("/")
    .map((segment) => (segment.length >= TOKEN_LIKE ? `${segment.slice(0, 4)}…` : segment))
    .join("/");
  return `${url.protocol}//${credentials}${url.host}${path}${url.search ? "?…" : ""}`;
}
