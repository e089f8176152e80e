import { describe, expect, it } from "vitest";
import { createUser } from "@/db/accounts/users";
import { ingestUsage } from "@/db/upload";
import { parseReport } from "@/lib/ccusage/parse";
import { AppError } from "@/lib/errors";
import { CLI } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { describeEachDriver, uniqueName } from "@/test/database";
import { parseMetrics, sampleValue } from "@/test/prometheus";
import { countDeliveries, countUploadError } from "./count";
import { measured } from "./http";
import { metrics } from "./registry";
import { metricsResponse } from "./scrape";

const TOKEN = "unit-test-metrics-token-0123456789";
const scrapeRequest = (authorization?: string) =>
  new Request("http://localhost/api/metrics", {
    headers: authorization ? { Authorization: authorization } : {},
  });
const current = async () => parseMetrics(await metrics.registry.metrics());

describe("the metrics registry", () => {
  it("names every metric by Prometheus's conventions", async () => {
    const families = await current();
    expect(families.length).toBeGreaterThan(10);
    for (const family of families) {
      expect(family.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(family.help).not.toBe("");
      if (family.type === "COUNTER") expect(family.name).toMatch(/_total$/);
      // (prom-client's own nodejs_active_*_total gauges predate the rule.)
      else if (family.name.startsWith("ccs_")) expect(family.name).not.toMatch(/_total$/);
      // Base units only: seconds and bytes, never milliseconds or kilobytes.
      expect(family.name).not.toMatch(/_(ms|milliseconds|kb|kilobytes|mb|megabytes)(_|$)/);
      // The app's own under ccs_; the process's keep their standard names for stock dashboards.
      expect(family.name).toMatch(/^(ccs|process|nodejs)_/);
    }
    const own = families.filter((f) => f.name.startsWith("ccs_")).map((f) => f.name);
    expect(own).toEqual(
      expect.arrayContaining([
        "ccs_build_info",
        "ccs_http_requests_total",
        "ccs_http_request_duration_seconds",
        "ccs_uploads_total",
        "ccs_upload_days_total",
        "ccs_telemetry_records_total",
        "ccs_alert_delivery_attempts_total",
        "ccs_database_up",
        "ccs_database_pool_max_connections",
      ]),
    );
  });

  it("is one per process, on globalThis: Next evaluates the module once per bundle", () => {
    const store = globalThis as typeof globalThis & { __ccsMetrics?: unknown };
    expect(store.__ccsMetrics).toBe(metrics);
  });

  it("counts a handler's requests under its route pattern, a thrown error as a 500", async () => {
    const route = `/api/test/${uniqueName()}/[id]`;
    const ok = measured(route, (request: Request) => new Response(request.method, { status: 201 }));
    const broken = measured(route, (request: Request): Response => {
      void request;
      throw new Error("boom");
    });
    const each = measured(route, { PUT: (request: Request) => new Response(request.url, { status: 405 }) });
    await ok(new Request("http://localhost/api/test/1", { method: "POST" }));
    await ok(new Request("http://localhost/api/test/2", { method: "POST" }));
    await expect(broken(new Request("http://localhost/api/test/3"))).rejects.toThrow("boom");
    await each.PUT(new Request("http://localhost/api/test/4", { method: "PUT" }));
    const scrape = await current();
    const count = (method: string, status: string) =>
      sampleValue(scrape, "ccs_http_requests_total", { route, method, status });
    expect([count("POST", "201"), count("GET", "500"), count("PUT", "405")]).toEqual([2, 1, 1]);
  });

  it("counts webhook tries by outcome and uploads refused apart from uploads failed", async () => {
    const before = await current();
    countDeliveries([{ result: { ok: true } }, { result: { ok: false } }, { result: { ok: false } }]);
    countUploadError(new AppError("rate_limited", "slow down"));
    countUploadError(new Error("the disk is full"));
    const after = await current();
    const rose = (name: string, labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(rose("ccs_alert_delivery_attempts_total", { outcome: "delivered" })).toBe(1);
    expect(rose("ccs_alert_delivery_attempts_total", { outcome: "failed" })).toBe(2);
    expect(rose("ccs_uploads_total", { outcome: "rejected" })).toBe(1);
    expect(rose("ccs_uploads_total", { outcome: "failed" })).toBe(1);
  });
});

describe("GET /api/metrics's gate", () => {
  it("is off (404) without METRICS_TOKEN, and says how to turn it on", async () => {
    for (const env of [{}, { METRICS_TOKEN: "" }]) {
      const response = await metricsResponse(scrapeRequest(`Bearer ${TOKEN}`), env);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: expect.stringMatching(/METRICS_TOKEN/) },
      });
    }
  });

  it("wants the token as a bearer token (401 otherwise)", async () => {
    const env = { METRICS_TOKEN: TOKEN };
    for (const authorization of [
      undefined,
      "Bearer",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
    ]) {
      const response = await metricsResponse(scrapeRequest(authorization), env);
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
  });

  it("refuses to run with a token too short to be secret", async () => {
    const response = await metricsResponse(scrapeRequest("Bearer short"), { METRICS_TOKEN: "short" });
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("short");
  });
});

describeEachDriver("a metrics scrape", ({ database }) => {
  it("reads the database's state and the newest upload's age", async () => {
    const env = { METRICS_TOKEN: TOKEN };
    const response = await metricsResponse(scrapeRequest(`bearer ${TOKEN}`), env);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const scrape = parseMetrics(await response.text());
    const driver = database().driver;
    expect(sampleValue(scrape, "ccs_database_up", { driver })).toBe(1);
    expect(sampleValue(scrape, "ccs_database_pool_max_connections")).toBe(driver === "postgres" ? 10 : 1);
    if (driver === "postgres")
      expect(sampleValue(scrape, "ccs_database_connections", { state: "active" })).toBeGreaterThanOrEqual(1);
    // The in-memory database is this file's own: nothing uploaded yet, so no age (0 would mean "just now").
    if (driver === "pglite") expect(scrape.map((f) => f.name)).not.toContain("ccs_last_upload_age_seconds");

    const by = await createUser({ username: uniqueName(), role: "member" }, CLI);
    await ingestUsage({
      by,
      machine: "default",
      report: parseReport(dailyReport({ "2026-02-01": { "claude-sonnet-4-5": [100, 0.1] } })),
      mode: "merge",
      dryRun: false,
    });
    const after = parseMetrics(await (await metricsResponse(scrapeRequest(`Bearer ${TOKEN}`), env)).text());
    const age = after.find((f) => f.name === "ccs_last_upload_age_seconds");
    expect(age?.type).toBe("GAUGE");
    expect(Number(age?.metrics[0].value)).toBeGreaterThanOrEqual(0);
    expect(Number(age?.metrics[0].value)).toBeLessThan(600);
  });
});
