import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { OTLP_TYPES } from "../lib/otel/proto";
import { billed, otelCaptures, PERSON_OF_TAG, type OtelCapture } from "../test/otel-fixtures";
import { accounts, driverOf, takeMember } from "./accounts";
import { callAction, signIn } from "./helpers";

// The OTLP receiver over HTTP, with the real captures of Claude Code's exporter, on both databases.

const TYPES = { json: "application/json", protobuf: "application/x-protobuf" } as const;

function send(request: APIRequestContext, key: string | null, capture: OtelCapture) {
  return request.post(`/api/otel/v1/${capture.signal}`, {
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      "Content-Type": TYPES[capture.encoding],
      ...(capture.gzip ? { "Content-Encoding": "gzip" } : {}),
      Cookie: "",
    },
    data: capture.body,
  });
}

const post = (
  request: APIRequestContext,
  signal: "logs" | "metrics",
  headers: Record<string, string>,
  body: Buffer | string,
) => request.post(`/api/otel/v1/${signal}`, { headers: { Cookie: "", ...headers }, data: Buffer.from(body) });

/** One api_request event as OTLP/JSON, with what Claude Code puts on it. */
function apiRequest(fields: {
  tokens?: number;
  email?: string;
  requestId?: string;
  time?: Date;
  cost?: number;
  model?: string;
}) {
  const time = fields.time ?? new Date();
  const attributes = [
    ["event.name", { stringValue: "api_request" }],
    ["model", { stringValue: fields.model ?? "claude-sonnet-4-5" }],
    ["input_tokens", { intValue: fields.tokens ?? 10 }],
    ["cost_usd", { doubleValue: fields.cost ?? 0.01 }],
    ["request_id", { stringValue: fields.requestId ?? `req_${randomBytes(6).toString("hex")}` }],
    ...(fields.email ? [["user.email", { stringValue: fields.email }]] : []),
  ].map(([key, value]) => ({ key, value }));
  return {
    timeUnixNano: String(BigInt(time.getTime()) * 1_000_000n),
    body: { stringValue: "claude_code.api_request" },
    attributes,
  };
}

const logsJson = (records: unknown[]) =>
  JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.version", value: { stringValue: "2.1.332" } }] },
        scopeLogs: [{ logRecords: records }],
      },
    ],
  });

async function usage(request: APIRequestContext, username: string) {
  const response = await request.get(`/api/v1/users/${username}/usage?range=all`);
  expect(response.status()).toBe(200);
  return response.json();
}

test.describe("telemetry receiver", () => {
  test("real exports over http/json, http/protobuf and gzip count what was billed, once", async ({
    request,
  }, info) => {
    for (const tag of ["json", "protobuf", "protobuf-gzip"] as const) {
      const member = takeMember(driverOf(info));
      for (let round = 0; round < 2; round++) {
        for (const capture of otelCaptures().filter((c) => c.tag === tag)) {
          const response = await send(request, member.key, capture);
          expect(response.status(), `${capture.file}: ${await response.text()}`).toBe(200);
          expect(response.headers()["content-type"]).toBe(TYPES[capture.encoding]);
          const body = await response.body();
          if (capture.encoding === "json") expect(JSON.parse(body.toString())).toEqual({});
          else expect(body.length).toBe(0); // an export response with no partial success
        }
      }
      const truth = billed().filter((b) => b.person === PERSON_OF_TAG[tag]);
      const { totals, activity, machines } = await usage(request, member.username);
      expect(totals).toMatchObject({
        inputTokens: truth.reduce((n, b) => n + b.input, 0),
        outputTokens: truth.reduce((n, b) => n + b.output, 0),
        cacheCreationTokens: truth.reduce((n, b) => n + b.cacheCreation, 0),
        cacheReadTokens: truth.reduce((n, b) => n + b.cacheRead, 0),
      });
      expect(activity.sessions).toBe(
        otelCaptures().filter((c) => c.tag === tag && c.signal === "metrics").length,
      );
      expect(activity.lines_added).toBeGreaterThan(0);
      expect(machines).toMatchObject([{ name: "telemetry", lastTelemetryAt: expect.any(String) }]);
    }
  });

  test("bad exports get the OTLP status they call for, in the request's encoding", async ({
    request,
  }, info) => {
    const member = takeMember(driverOf(info));
    const auth = { Authorization: `Bearer ${member.key}` };
    const json = { ...auth, "Content-Type": "application/json" };
    const protobuf = { ...auth, "Content-Type": "application/x-protobuf" };
    const [capture] = otelCaptures().filter((c) => c.tag === "protobuf" && c.signal === "logs");

    const noKey = await post(request, "logs", { "Content-Type": "application/json" }, "{}");
    expect(noKey.status()).toBe(401);
    expect((await noKey.json()).code).toBe(16);
    const revoked = await post(
      request,
      "logs",
      { ...json, Authorization: `Bearer ${accounts(driverOf(info)).revokedKey}` },
      "{}",
    );
    expect(revoked.status()).toBe(401);
    expect((await post(request, "logs", { ...auth, "Content-Type": "text/plain" }, "{}")).status()).toBe(415);

    const truncated = await post(
      request,
      "logs",
      protobuf,
      capture.body.subarray(0, capture.body.length - 7),
    );
    expect(truncated.status()).toBe(400);
    expect(truncated.headers()["content-type"]).toBe("application/x-protobuf");
    expect(OTLP_TYPES.status.decode(await truncated.body()).toJSON()).toMatchObject({ code: 3 });
    const notOtlp = await post(request, "logs", json, '{"resourceLogs": 3}');
    expect(notOtlp.status()).toBe(400);
    expect((await notOtlp.json()).message).toContain("resourceLogs must be an array");
    expect((await post(request, "logs", { ...json, "Content-Encoding": "gzip" }, "not gzip")).status()).toBe(
      400,
    );
    const huge = await post(request, "logs", json, "x".repeat(5 * 1024 * 1024 + 1));
    expect(huge.status()).toBe(413);
    const bomb = zlib.gzipSync(Buffer.alloc(6 * 1024 * 1024, 32));
    expect((await post(request, "logs", { ...json, "Content-Encoding": "gzip" }, bomb)).status()).toBe(413);

    // Empty, and records of which some are absurd: those are refused, the rest counted.
    expect((await post(request, "logs", protobuf, Buffer.alloc(0))).status()).toBe(200);
    const mixed = await post(
      request,
      "logs",
      json,
      logsJson([
        apiRequest({ tokens: 7 }),
        apiRequest({ tokens: -5 }),
        apiRequest({ time: new Date("2023-06-01") }),
      ]),
    );
    expect(mixed.status()).toBe(200);
    const partial = (await mixed.json()).partialSuccess;
    expect(partial.rejectedLogRecords).toBe("2");
    expect(partial.errorMessage).toContain("time before 2024");
    expect((await usage(request, member.username)).totals.inputTokens).toBe(7);
    const unknownMetric = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                { name: "something.new", sum: { aggregationTemporality: 1, dataPoints: [{ asDouble: 1 }] } },
              ],
            },
          ],
        },
      ],
    });
    const ignored = await post(request, "metrics", json, unknownMetric);
    expect(ignored.status()).toBe(200);
    expect(await ignored.json()).toEqual({});
    expect((await request.get("/api/otel/v1/logs")).status()).toBe(405);
  });

  test("models without a cost are priced from the table, or accepted with a warning and shown as unpriced", async ({
    request,
  }, info) => {
    const member = takeMember(driverOf(info));
    const json = { Authorization: `Bearer ${member.key}`, "Content-Type": "application/json" };
    const unknown = `acme-model-${randomBytes(3).toString("hex")}`;
    const response = await post(
      request,
      "logs",
      json,
      logsJson([
        apiRequest({ model: unknown, tokens: 1000, cost: 0 }),
        apiRequest({ model: "claude-sonnet-4-5-20250929", tokens: 100_000, cost: 0 }),
      ]),
    );
    expect(response.status()).toBe(200);
    const partial = (await response.json()).partialSuccess;
    expect(partial.rejectedLogRecords).toBe("0");
    expect(partial.errorMessage).toContain(`no price for ${unknown}`);
    expect(partial.errorMessage).not.toContain("claude-sonnet");
    const body = await usage(request, member.username);
    const byModel = Object.fromEntries(body.models.map((m: { model: string }) => [m.model, m]));
    expect(byModel[unknown]).toMatchObject({
      cost: 0,
      unpricedTokens: 1000,
      costSource: "unpriced",
      name: unknown,
    });
    // $3 per million input tokens, from the price table; the raw id stays in the API, the name beside it.
    expect(byModel["claude-sonnet-4-5-20250929"]).toMatchObject({
      cost: 0.3,
      pricedCost: 0.3,
      unpricedTokens: 0,
      costSource: "prices",
      name: "Claude Sonnet 4.5",
    });
    expect(body.totals).toMatchObject({ cost: 0.3, unpricedTokens: 1000 });
  });

  test("too many exports with one key get 429 with Retry-After", async ({ request }, info) => {
    const member = takeMember(driverOf(info));
    const headers = { Authorization: `Bearer ${member.key}`, "Content-Type": "application/x-protobuf" };
    let limited = null;
    // The e2e servers allow 100 exports a minute per key (TELEMETRY_RATE_LIMIT_PER_MINUTE).
    for (let i = 0; i < 101 && !limited; i++) {
      const response = await post(request, "metrics", headers, Buffer.alloc(0));
      if (response.status() === 429) limited = response;
      else expect(response.status()).toBe(200);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(OTLP_TYPES.status.decode(await limited!.body()).toJSON()).toMatchObject({ code: 8 });
  });

  test("a team key counts records for the user with their email, and holds the rest until linked", async ({
    request,
    baseURL,
  }, info) => {
    const created = await callAction(request, baseURL!, "adminCreateTeamKey", { name: "managed settings" });
    const teamKey = /"key":"(ccs_[^"]+)"/.exec(created.body)![1];
    const username = `otel-${randomBytes(3).toString("hex")}`;
    const email = `${username}@example.com`;
    await callAction(request, baseURL!, "adminCreateUser", {
      username,
      displayName: "",
      email,
      role: "member",
    });
    const stranger = `stranger-${randomBytes(3).toString("hex")}@example.com`;
    const headers = { Authorization: `Bearer ${teamKey}`, "Content-Type": "application/json" };
    const sent = await post(
      request,
      "logs",
      headers,
      logsJson([
        apiRequest({ tokens: 11, email: email.toUpperCase() }),
        apiRequest({ tokens: 13, email: stranger }),
      ]),
    );
    expect(sent.status(), await sent.text()).toBe(200);
    expect((await usage(request, username)).totals.inputTokens).toBe(11);

    // The stranger's usage is nobody's until an admin links the email; then it counts for that user.
    const page = await request.get("/settings/telemetry-admin");
    expect(await page.text()).toContain(stranger);
    const other = takeMember(driverOf(info));
    const linked = await callAction(request, baseURL!, "adminLinkTelemetryEmail", {
      email: stranger,
      username: other.username,
    });
    expect(linked.body).toContain('"ok":true');
    expect((await usage(request, other.username)).totals.inputTokens).toBe(13);

    // A team key sends telemetry only.
    const upload = await request.post("/api/v1/usage", {
      headers: { Authorization: `Bearer ${teamKey}`, "Content-Type": "application/json", Cookie: "" },
      data: Buffer.from('{"daily": []}'),
    });
    expect(upload.status()).toBe(403);
  });

  test("a member connects Claude Code and sees it arrive: settings, machines, adoption, the leaderboard", async ({
    browser,
    request,
  }, info) => {
    const baseURL = String(info.project.use.baseURL);
    const noah = accounts(driverOf(info)).signers[1];
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signIn(page, noah.username, noah.password);

    await page.goto("/settings/telemetry");
    const setup = page.getByLabel("Telemetry settings for one machine");
    await expect(setup).toContainText(`OTEL_EXPORTER_OTLP_ENDPOINT=${baseURL}/api/otel`);
    await expect(setup).toContainText('OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer $CCS_KEY"');
    await expect(page.getByLabel("managed-settings.json")).toContainText('"otelHeadersHelper"');

    for (const capture of otelCaptures().filter((c) => c.tag === "protobuf"))
      expect((await send(request, noah.key, capture)).status()).toBe(200);

    await page.reload();
    const machine = page
      .getByTestId("telemetry-machines")
      .getByRole("listitem")
      // The machine named "telemetry" (every item says "last telemetry", and other specs add machines).
      .filter({ hasText: /^telemetry:/ });
    await expect(machine).toContainText("last telemetry");
    await expect(machine).not.toContainText("last telemetry never");

    await page.goto("/adoption?range=all");
    await expect(page.getByTestId("adoption-versions")).toContainText("2.1.332");
    await page.goto("/?range=all&sort=lines");
    const row = page.getByTestId(`leaderboard-row-${noah.username}`);
    await expect(row.getByTestId("lines-added")).not.toHaveText("0");
    await context.close();
  });
});
