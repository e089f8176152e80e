import { createHmac } from "node:crypto";
import { APP_NAME, APP_VERSION } from "@/lib/version";

// What a webhook is sent for an alert, per format. Every format carries the signature headers when the
// webhook has a secret: the HMAC-SHA256 of the exact body bytes, and the body's own sentAt as the
// timestamp header, so the signature covers the time and receivers can refuse old (replayed) bodies.

export type WebhookFormat = "json" | "slack" | "discord";

export interface OutgoingAlert {
  id: number;
  kind: string;
  threshold: number;
  periodStart: string;
  createdAt: Date;
  payload: Record<string, unknown>;
}

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export const USER_AGENT = `${APP_NAME.replace(/ /g, "")}/${APP_VERSION} (webhooks)`;
export const DISCORD_MAX_CHARS = 2000;

/** `sha256=<hex>` of `body` with `secret`: what X-CCS-Signature carries. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** An alert's one-line title and short text, from its payload (any alert, whoever raised it). */
export function titleAndText(alert: Pick<OutgoingAlert, "kind" | "payload">) {
  const title = typeof alert.payload.title === "string" ? alert.payload.title : `${alert.kind} alert`;
  const text = typeof alert.payload.text === "string" ? alert.payload.text : "";
  return { title: title.replace(/\s+/g, " ").trim(), text };
}

// Slack's mrkdwn reads &, < and > as markup (links, mentions): plain text escapes them.
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function bodyOf(alert: OutgoingAlert, format: WebhookFormat, sentAt: number): unknown {
  const { title, text } = titleAndText(alert);
  switch (format) {
    case "json":
      return {
        id: alert.id,
        kind: alert.kind,
        threshold: alert.threshold,
        periodStart: alert.periodStart,
        createdAt: alert.createdAt.toISOString(),
        payload: alert.payload,
        sentAt,
      };
    case "slack":
      return { text: `*${slackEscape(title)}*${text ? `\n${slackEscape(text)}` : ""}` };
    case "discord": {
      const content = `**${title}**${text ? `\n${text}` : ""}`;
      return {
        content: content.length > DISCORD_MAX_CHARS ? `${content.slice(0, DISCORD_MAX_CHARS - 1)}…` : content,
        // An alert must never ping @everyone or a role, whatever its text says.
        allowed_mentions: { parse: [] },
      };
    }
  }
}

/** The body and headers for sending `alert` to a webhook of `format`, signed when there is a secret. */
export function webhookRequest(
  alert: OutgoingAlert,
  webhook: { format: WebhookFormat; secret: string | null },
  now = new Date(),
): WebhookRequest {
  const sentAt = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify(bodyOf(alert, webhook.format, sentAt));
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
  };
  if (webhook.secret) {
    headers["X-CCS-Timestamp"] = String(sentAt);
    headers["X-CCS-Signature"] = signBody(body, webhook.secret);
  }
  return { body, headers };
}
