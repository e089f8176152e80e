import { expect, test } from "@playwright/test";
import { accounts, adminStateFile } from "./accounts";

// Runs first on a fresh database (accounts exist, no usage yet) and leaves the admin's session saved.

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

test("a signed-out visitor signs in and sees how to get data in", async ({ page }, testInfo) => {
  const driver = String(testInfo.project.metadata.driver);
  const { admin } = accounts(driver);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);

  await page.getByLabel("Username").fill(admin.username);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong username or password.");
  await expect(page.getByLabel("Username")).toHaveValue(admin.username);

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Claude Code Stats" })).toBeVisible();
  await expect(page.getByTestId("empty-state")).toContainText("Each person creates an upload key");
  await expect(page.getByLabel("Upload command")).toContainText(`${new URL(page.url()).origin}/api/v1/usage`);
  await expect(page.getByTestId("health-status")).toHaveText("reachable");
  await expect(page.getByTestId("health")).toContainText(
    driver === "postgres" ? "PostgreSQL" : "embedded PGlite",
  );
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
  await page.context().storageState({ path: adminStateFile(driver) });
});
