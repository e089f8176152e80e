import { expect, test } from "@playwright/test";

test("the home page shows the app, how to get started, and a healthy database", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Claude Code Stats" })).toBeVisible();
  await expect(page.getByTestId("empty-state")).toContainText("Create the first admin");
  await expect(page.getByTestId("empty-state")).toContainText("npm run admin -- user create");
  await expect(page.getByLabel("Upload command")).toContainText(`${new URL(page.url()).origin}/api/v1/usage`);
  await expect(page.getByTestId("health-status")).toHaveText("reachable");
  await expect(page.getByTestId("health")).toContainText(
    testInfo.project.metadata.driver === "postgres" ? "PostgreSQL" : "embedded PGlite",
  );
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
});

test("GET /api/health reports the database, driver, migrations and version", async ({
  request,
}, testInfo) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({
    status: "ok",
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    database: { reachable: true, driver: testInfo.project.metadata.driver, migrations: expect.any(Number) },
  });
});
