import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digestWeek } from "./digest";
import { startReceiver } from "@/test/webhook-receiver";
import { retryDelaySeconds } from "./retry";
import { sendWebhook } from "./send";
import { DISCORD_MAX_CHARS, webhookRequest, type OutgoingAlert } from "./request";
import { redactUrl, webhookSecretSchema, webhookUrlSchema } from "./url";

const alert: OutgoingAlert = {
  id: 42,
  kind: "threshold",
  threshold: 80,
  periodStart: "2026-12-01",
  createdAt: new Date("2026-12-02T10:00:00Z"),
  payload: { title: "Team at 80% of its budget", text: "$800 of $1,000 <by> R&D", spent: 800 },
};

/** How a receiver checks a body: HMAC-SHA256 of the exact bytes, compared in constant time. */
function verifies(body: string, header: string, secret: string) {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe("webhook requests", () => {
  it("signs the exact JSON body, with the body's sentAt as the timestamp header", () => {
    const now = new Date("2026-12-02T10:00:05.900Z");
    const { body, headers } = webhookRequest(alert, { format: "json", secret: "s3cret-s3cret-s3cret" }, now);
    expect(JSON.parse(body)).toEqual({
      id: 42,
      kind: "threshold",
      threshold: 80,
      periodStart: "2026-12-01",
      createdAt: "2026-12-02T10:00:00.000Z",
      payload: alert.payload,
      sentAt: 1796205605,
    });
    expect(headers["X-CCS-Timestamp"]).toBe("1796205605");
    expect(verifies(body, headers["X-CCS-Signature"], "s3cret-s3cret-s3cret")).toBe(true);
    expect(verifies(body, headers["X-CCS-Signature"], "another-secret-value")).toBe(false);
    expect(verifies(body.replace("800", "900"), headers["X-CCS-Signature"], "s3cret-s3cret-s3cret")).toBe(
      false,
    );
    expect(headers).toMatchObject({ "Content-Type": "application/json", "User-Agent": /^ClaudeCodeStats\// });
  });

  it("sends no signature headers without a secret", () => {
    const { headers } = webhookRequest(alert, { format: "json", secret: null });
    expect(Object.keys(headers).sort()).toEqual(["Content-Type", "User-Agent"]);
  });

  it("gives Slack a bold title and escaped text, Discord at most 2000 characters and no pings", () => {
    const slack = webhookRequest(alert, { format: "slack", secret: "s3cret-s3cret-s3cret" });
    expect(JSON.parse(slack.body)).toEqual({
      text: "*Team at 80% of its budget*\n$800 of $1,000 &lt;by&gt; R&amp;D",
    });
    expect(slack.headers["X-CCS-Signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    const long = { ...alert, payload: { title: "@everyone long", text: "x".repeat(5000) } };
    const discord = JSON.parse(webhookRequest(long, { format: "discord", secret: null }).body);
    expect(discord.content).toHaveLength(DISCORD_MAX_CHARS);
    expect(discord.content.startsWith("**@everyone long**\nxxx")).toBe(true);
    expect(discord.content.endsWith("…")).toBe(true);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("webhook URLs and secrets", () => {
  it.each([
    ["ftp://example.com/x", "must start with http:// or https:// (not ftp://)"],
    ["hooks.example.com/x", "must be a full URL such as https://hooks.example.com/alerts"],
    ["", "must not be empty"],
    ["javascript:alert(1)", "must start with http:// or https:// (not javascript://)"],
  ])("refuses %j", (url, message) => {
    const result = webhookUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });

  it("keeps http(s) URLs, without a fragment", () => {
    expect(webhookUrlSchema.parse(" https://hooks.example.com/a?b=1#c ")).toBe(
      "https://hooks.example.com/a?b=1",
    );
  });

  it("redacts credentials, queries and token-like path segments", () => {
    expect(redactUrl("https://user:pw@hooks.example.com:8443/alerts?token=abc")).toBe(
      "https://***@hooks.example.com:8443/alerts?…",
    );
    expect(redactUrl("https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx")).toBe(
      "https://hooks.slack.com/services/T0001/B0002/abcd…",
    );
  });

  it("wants secrets of at least 16 printable characters", () => {
    expect(webhookSecretSchema.safeParse("short").error?.issues[0].message).toBe(
      "must be at least 16 characters",
    );
    expect(webhookSecretSchema.safeParse("has spaces in the secret").success).toBe(false);
  });
});

describe("retries and the digest week", () => {
  it("backs off 30 s, 1, 2, 5, 10, 15 minutes, then every 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelaySeconds(n))).toEqual([
      30, 60, 120, 300, 600, 900, 900, 900,
    ]);
  });

  it("covers the last full Monday-to-Sunday week", () => {
    const last = { from: "2026-11-23", to: "2026-11-29", previous: { from: "2026-11-16", to: "2026-11-22" } };
    expect(digestWeek("2026-11-30")).toEqual(last); // a Monday
    expect(digestWeek("2026-12-06")).toEqual(last); // the Sunday after
    expect(digestWeek("2026-12-07").from).toBe("2026-11-30");
  });
});

describe("sending", () => {
  it("counts only 2xx as delivered: a redirect is not followed, a refused connection is named", async () => {
    const receiver = await startReceiver(() => ({ status: 302 }));
    try {
      const request = webhookRequest(alert, { format: "json", secret: null });
      expect(await sendWebhook(receiver.url, request, 2000)).toMatchObject({
        ok: false,
        status: 302,
        error: "HTTP 302 Found",
      });
      expect(receiver.received).toHaveLength(1);
      const closed = await startReceiver();
      await closed.close(); // nothing listens on its port any more
      const refused = await sendWebhook(closed.url, request, 2000);
      expect(refused).toMatchObject({
        ok: false,
        status: null,
        error: expect.stringContaining("ECONNREFUSED"),
      });
    } finally {
      await receiver.close();
    }
  });
});
