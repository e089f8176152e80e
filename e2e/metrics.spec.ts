import { expect, test, type APIRequestContext } from "@playwright/test";
import { dailyReport } from "../lib/seed/reports";
import { parseMetrics, sampleValue, type Scrape } from "../test/prometheus";
import { driverOf, METRICS_TOKEN, takeMember } from "./accounts";

// GET /api/metrics and GET /api/health/ready over HTTP, on PGlite and on PostgreSQL. These servers run
// with METRICS_TOKEN (e2e/serve.ts); "off" is checked on the database-less server (database-down.spec.ts).

async function scrape(request: APIRequestContext): Promise<Scrape> {
  const response = await request.get("/api/metrics", {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}`, Cookie: "" },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseMetrics(await response.text());
}

function upload(request: APIRequestContext, key: string, body: string, query = "") {
  return request.post(`/api/v1/usage${query}`, {
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", Cookie: "" },
    data: Buffer.from(body),
  });
}

test.describe("metrics", () => {
  test("are refused without the token, or with another", async ({ request }) => {
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789abcdef",
      `Basic ${METRICS_TOKEN}`,
    ]) {
      const response = await request.get("/api/metrics", {
        headers: { Cookie: "", ...(authorization ? { Authorization: authorization } : {}) },
      });
      expect(response.status(), authorization).toBe(401);
      expect(response.headers()["www-authenticate"]).toContain("Bearer");
      expect(await response.json()).toEqual({
        error: { code: "unauthorized", message: expect.stringMatching(/Bearer <METRICS_TOKEN>/) },
      });
    }
  });

  test("parse as Prometheus text, with the app's, the database's and the process's metrics", async ({
    request,
  }, info) => {
    const metrics = await scrape(request);
    const family = (name: string) => metrics.find((f) => f.name === name);
    expect(family("ccs_build_info")?.metrics).toEqual([
      { labels: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) }, value: "1" },
    ]);
    expect(family("process_cpu_seconds_total")?.type).toBe("COUNTER");
    expect(family("process_resident_memory_bytes")?.type).toBe("GAUGE");
    const driver = driverOf(info);
    expect(sampleValue(metrics, "ccs_database_up", { driver })).toBe(1);
    expect(sampleValue(metrics, "ccs_database_pool_max_connections")).toBe(driver === "postgres" ? 10 : 1);
    if (driver === "postgres") {
      // At least the connection this scrape asked on, which was busy doing so.
      expect(sampleValue(metrics, "ccs_database_connections", { state: "active" })).toBeGreaterThanOrEqual(1);
    } else {
      expect(family("ccs_database_connections")?.metrics ?? []).toEqual([]);
    }
    expect(family("ccs_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
    // Every name follows Prometheus's conventions: snake_case, the app's own under ccs_.
    for (const f of metrics) expect(f.name).toMatch(/^(ccs|process|nodejs)_[a-z0-9_]+$/);
  });

  test("count accepted, dry-run and rejected uploads, and the days stored", async ({ request }, info) => {
    const member = takeMember(driverOf(info));
    const report = JSON.stringify(
      dailyReport({
        "2026-03-01": { "claude-sonnet-4-5": [1000, 0.5] },
        "2026-03-02": { "claude-sonnet-4-5": [2000, 1] },
        "2026-03-03": { "claude-opus-4-1": [3000, 4] },
      }),
    );
    const counts = (m: Scrape) => ({
      accepted: sampleValue(m, "ccs_uploads_total", { outcome: "accepted" }),
      dryRun: sampleValue(m, "ccs_uploads_total", { outcome: "dry_run" }),
      rejected: sampleValue(m, "ccs_uploads_total", { outcome: "rejected" }),
      days: sampleValue(m, "ccs_upload_days_total"),
    });
    const before = counts(await scrape(request));

    expect((await upload(request, member.key, report)).status()).toBe(200);
    expect((await upload(request, member.key, report, "?dryRun=1")).status()).toBe(200);
    expect((await upload(request, member.key, '{"daily": [')).status()).toBe(400);
    expect((await upload(request, "ccs_not-a-key", report)).status()).toBe(401);

    const after = await scrape(request);
    expect(counts(after)).toEqual({
      accepted: before.accepted + 1,
      dryRun: before.dryRun + 1,
      rejected: before.rejected + 2,
      days: before.days + 3,
    });
    // The newest upload arrived moments ago.
    expect(sampleValue(after, "ccs_last_upload_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(after, "ccs_last_upload_age_seconds")).toBeLessThan(600);
  });

  test("count telemetry records taken and refused", async ({ request }, info) => {
    const member = takeMember(driverOf(info));
    const record = (time: Date, id: string) => ({
      timeUnixNano: String(BigInt(time.getTime()) * 1_000_000n),
      body: { stringValue: "claude_code.api_request" },
      attributes: [
        { key: "event.name", value: { stringValue: "api_request" } },
        { key: "model", value: { stringValue: "claude-sonnet-4-5" } },
        { key: "input_tokens", value: { intValue: 10 } },
        { key: "cost_usd", value: { doubleValue: 0.01 } },
        { key: "request_id", value: { stringValue: `${id}-${Date.now()}` } },
      ],
    });
    const now = new Date();
    const tomorrow = new Date(now.getTime() + 2 * 86_400_000); // refused: a time in the future
    const body = JSON.stringify({
      resourceLogs: [
        { scopeLogs: [{ logRecords: [record(now, "a"), record(now, "b"), record(tomorrow, "c")] }] },
      ],
    });
    const value = (m: Scrape, outcome: string) =>
      sampleValue(m, "ccs_telemetry_records_total", { signal: "logs", outcome });
    const before = await scrape(request);
    const response = await request.post("/api/otel/v1/logs", {
      headers: { Authorization: `Bearer ${member.key}`, "Content-Type": "application/json", Cookie: "" },
      data: Buffer.from(body),
    });
    expect(response.status()).toBe(200);
    const after = await scrape(request);
    expect(value(after, "accepted") - value(before, "accepted")).toBe(2);
    expect(value(after, "rejected") - value(before, "rejected")).toBe(1);
  });

  test("count API requests by route pattern, method and status, never by raw path", async ({
    request,
  }, info) => {
    const member = takeMember(driverOf(info));
    const auth = { Authorization: `Bearer ${member.key}`, Cookie: "" };
    const requests = (m: Scrape, route: string, method: string, status: string) =>
      sampleValue(m, "ccs_http_requests_total", { route, method, status });
    const before = await scrape(request);
    expect((await request.get("/api/v1/models?range=all", { headers: auth })).status()).toBe(200);
    expect((await request.get("/api/v1/models?range=never", { headers: auth })).status()).toBe(422);
    expect(
      (await request.get(`/api/v1/users/${member.username}/usage?range=all`, { headers: auth })).status(),
    ).toBe(200);
    expect((await request.delete("/api/v1/usage", { headers: auth })).status()).toBe(405);
    expect((await request.get(`/api/no-such-thing/${member.username}`)).status()).toBe(404);
    const after = await scrape(request);
    const rose = (route: string, method: string, status: string) =>
      requests(after, route, method, status) - requests(before, route, method, status);
    expect(rose("/api/v1/models", "GET", "200")).toBe(1);
    expect(rose("/api/v1/models", "GET", "422")).toBe(1);
    expect(rose("/api/v1/users/[username]/usage", "GET", "200")).toBe(1);
    expect(rose("/api/v1/usage", "DELETE", "405")).toBe(1);
    expect(rose("/api/[...path]", "GET", "404")).toBe(1);
    expect(rose("/api/metrics", "GET", "200")).toBe(1); // the scrape before this one
    const routes = after
      .find((f) => f.name === "ccs_http_requests_total")!
      .metrics.map((s) => s.labels!.route);
    expect(routes.filter((r) => r.includes(member.username))).toEqual([]);
  });
});

test("readiness is 200 once start-up work is done, and /api/health keeps its shape", async ({ request }) => {
  await expect
    .poll(async () => (await request.get("/api/health/ready")).status(), { timeout: 60_000 })
    .toBe(200);
  const ready = await (await request.get("/api/health/ready")).json();
  expect(ready).toMatchObject({
    status: "ready",
    pending: [],
    startup: { migrations: "done", prices: "done" },
    database: { reachable: true },
  });
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({
    status: "ok",
    version: expect.any(String),
    database: { reachable: true, driver: expect.any(String), migrations: expect.any(Number) },
  });
});
