import fs from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { accounts, driverOf, takeMember } from "./accounts";
import { signIn, uploadDays } from "./helpers";

// Taking one's data along (Settings → My data, /api/v1/me/export), the admin's whole-team export
// (/api/v1/export), and the audit log's retention in Settings → Team. Signed in as the admin by default.

const SIGNED_OUT = { cookies: [], origins: [] };

test("the export endpoints give each caller exactly what they may have", async ({ request }, info) => {
  const driver = driverOf(info);
  const member = takeMember(driver);
  const { admin } = accounts(driver);
  await uploadDays(request, member, { "2004-06-01": { "claude-export-http": [5, 0.5] } });
  const anonymous = await playwrightRequest.newContext({
    baseURL: info.project.use.baseURL,
    storageState: SIGNED_OUT,
  });
  try {
    for (const path of ["/api/v1/me/export", "/api/v1/export"]) {
      const response = await anonymous.get(path);
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });
    // A member's key: their own data only, as a dated attachment.
    const mine = await anonymous.get("/api/v1/me/export", bearer(member.key));
    expect(mine.status()).toBe(200);
    expect(mine.headers()["content-disposition"]).toMatch(
      new RegExp(`^attachment; filename="claude-code-stats-${member.username}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    const file = await mine.json();
    expect(file.profile.username).toBe(member.username);
    expect(file.dailyUsage).toEqual([
      {
        machine: "default",
        date: "2004-06-01",
        model: "claude-export-http",
        provider: "anthropic",
        inputTokens: 5,
        outputTokens: 10,
        cacheCreationTokens: 15,
        cacheReadTokens: 20,
        cost: 0.5,
      },
    ]);
    expect(JSON.stringify(file)).not.toContain(member.key);
    // No key exports the team, not even an admin's; a signed-in member is refused too.
    for (const key of [member.key, admin.key]) {
      const team = await anonymous.get("/api/v1/export", bearer(key));
      expect(team.status()).toBe(403);
      expect((await team.json()).error.message).toContain("/api/v1/me/export");
    }
    expect((await anonymous.post("/api/v1/me/export", bearer(member.key))).status()).toBe(405);
  } finally {
    await anonymous.dispose();
  }
  // The signed-in admin gets everyone, streamed, and both exports are in the audit log.
  const everything = await request.get("/api/v1/export");
  expect(everything.status()).toBe(200);
  expect(everything.headers()["content-disposition"]).toMatch(/filename="claude-code-stats-team-/);
  const all = await everything.json();
  const theirs = all.people.find(
    (p: { profile: { username: string } }) => p.profile.username === member.username,
  );
  expect(theirs.dailyUsage).toHaveLength(1);
  expect(all.team.settings.teamName).toEqual(expect.any(String));
  const audit = await request.get(`/settings/audit?action=export.`);
  expect(await audit.text()).toContain(member.username);
});

test("a member downloads their data from Settings → My data", async ({ browser, request }, info) => {
  const driver = driverOf(info);
  const signer = accounts(driver).signers[1];
  await uploadDays(request, signer, { "2004-06-02": { "claude-export-e2e": [12, 0.34] } }, "export-laptop");
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, storageState: SIGNED_OUT });
  try {
    const page = await context.newPage();
    await signIn(page, signer.username, signer.password);
    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "My data" }).click();
    await expect(page.getByRole("heading", { name: "My data" })).toBeVisible();
    await expect(page.getByTestId("export-team")).toHaveCount(0); // admins only
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download my data" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^claude-code-stats-${signer.username}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const file = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(file.profile).toMatchObject({ username: signer.username, role: "member" });
    expect(file.dailyUsage).toContainEqual(
      expect.objectContaining({
        machine: "export-laptop",
        date: "2004-06-02",
        model: "claude-export-e2e",
        cost: 0.34,
      }),
    );
    expect(file.keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(file)).not.toMatch(/keyHash|passwordHash|scrypt\$/);
  } finally {
    await context.close();
  }
});

test("an admin sets how long the audit log is kept in Settings → Team", async ({ page }) => {
  await page.goto("/settings/team");
  const team = page.getByTestId("team");
  const field = team.getByLabel("Keep audit log entries (days)");
  await expect(field).toHaveValue("");
  await field.fill("-5");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(team.getByText("must not be negative")).toBeVisible();
  await field.fill("365");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText("Team settings saved.")).toBeVisible();
  await page.goto("/settings/my-data");
  await expect(page.getByTestId("retention")).toContainText("Audit log entries: for 365 days.");
  await page.goto("/settings/team");
  await expect(field).toHaveValue("365");
  await field.fill(""); // back to the default (forever) for the other tests
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText("Team settings saved.")).toBeVisible();
  await page.goto("/settings/my-data");
  await expect(page.getByTestId("retention")).toContainText("Audit log entries: forever.");
});
