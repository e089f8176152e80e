import { expect, test } from "@playwright/test";

// This project's server points at a PostgreSQL address where nothing listens.

test("GET /api/health answers 503 quickly when the database is down, without leaking details", async ({
  request,
}) => {
  const started = Date.now();
  const response = await request.get("/api/health");
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(response.status()).toBe(503);
  const body = await response.json();
  expect(body).toEqual({
    status: "unavailable",
    version: expect.any(String),
    database: {
      reachable: false,
      driver: "postgres",
      error: "database unavailable (details in the server log)",
    },
  });
  expect(JSON.stringify(body)).not.toContain("127.0.0.1");
});

test("the home page still renders and says the database is unavailable", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Claude Code Stats" })).toBeVisible();
  await expect(page.getByTestId("health-status")).toHaveText("unavailable");
});

test("pages that need the database say it is unavailable, without an error in the browser console", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  for (const path of ["/models", "/users/anyone", "/signin"]) {
    await page.goto(path);
    await expect(page.getByTestId("database-unavailable"), path).toContainText("The database is unavailable");
    await expect(page.getByTestId("health-status"), path).toHaveText("unavailable");
  }
  // A page that threw would have reached the 500 page, which logs the server's error as React error #441.
  expect(errors).toEqual([]);
});

test("uploads get 503 with Retry-After, not a hang or a 500", async ({ request }) => {
  const started = Date.now();
  const response = await request.post("/api/v1/usage", {
    headers: { Authorization: `Bearer ccs_${"a".repeat(43)}`, "Content-Type": "application/json" },
    data: JSON.stringify({ daily: [] }),
  });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(response.status()).toBe(503);
  expect(response.headers()["retry-after"]).toBe("5");
  expect(await response.json()).toEqual({
    error: { code: "unavailable", message: "The database is unavailable. Try again shortly." },
  });
});

test("telemetry exports get 503 with Retry-After in OTLP's own status, so the exporter retries", async ({
  request,
}) => {
  const response = await request.post("/api/otel/v1/logs", {
    headers: { Authorization: `Bearer ccs_${"a".repeat(43)}`, "Content-Type": "application/json" },
    data: Buffer.from("{}"),
  });
  expect(response.status()).toBe(503);
  expect(response.headers()["retry-after"]).toBe("5");
  expect(await response.json()).toEqual({
    code: 14,
    message: "The database is unavailable. Try again shortly.",
  });
});

test("GET /api/metrics is off (404) on a server without METRICS_TOKEN", async ({ request }) => {
  const response = await request.get("/api/metrics", {
    headers: { Authorization: "Bearer anything-at-all-0123456789" },
  });
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({
    error: { code: "not_found", message: expect.stringMatching(/set METRICS_TOKEN/) },
  });
});

test("GET /api/health/ready answers 503 naming the database while it is unreachable", async ({ request }) => {
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(503);
  expect(response.headers()["retry-after"]).toBe("5");
  expect(await response.json()).toMatchObject({
    status: "unavailable",
    pending: ["database"],
    startup: { migrations: "failed" },
    database: { reachable: false },
  });
});
