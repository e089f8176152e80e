import { expect, test } from "@playwright/test";

// Signed in as the admin (the project's saved session).

test("settings forms explain bad input beside the field and keep what was typed", async ({ page }) => {
  await page.goto("/settings/keys");
  const key = page.getByTestId("create-key");
  await key.getByRole("button", { name: "Create key" }).click();
  await expect(key.getByText("Give the key a name, e.g. the machine it is for.")).toBeVisible();
  await key.getByLabel("Name").fill("old laptop");
  await key.getByLabel("Expires (optional)").fill("2001-01-01");
  await key.getByRole("button", { name: "Create key" }).click();
  await expect(key.getByText("must be today or later")).toBeVisible();
  await expect(key.getByLabel("Name")).toHaveValue("old laptop");

  await page.goto("/settings/team");
  const team = page.getByTestId("team");
  await team.getByLabel("Team name").fill("Platform team");
  await team.getByLabel("Timezone").fill("Mars/Olympus_Mons");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText('"Mars/Olympus_Mons" is not a timezone')).toBeVisible();
  await expect(team.getByLabel("Team name")).toHaveValue("Platform team");
  await team.getByLabel("Uploads per key per minute").fill("-3");
  await team.getByLabel("Timezone").fill("UTC");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText("must not be negative")).toBeVisible();

  await page.goto("/settings");
  const profile = page.getByTestId("profile");
  await profile.getByLabel("Display name").fill("");
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByText("must not be empty")).toBeVisible();
  const password = page.getByTestId("password");
  await password.getByLabel("Current password").fill("not it at all");
  await password.getByLabel("New password", { exact: true }).fill("a brand new password");
  await password.getByLabel("Confirm new password").fill("a brand new password");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText("This is not your current password.")).toBeVisible();
});

test("the audit log records admin actions and can be filtered", async ({ page }) => {
  await page.goto("/settings/audit?action=key.");
  const rows = page.getByTestId("audit").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator("td:nth-child(3)").allTextContents()) expect(text).toMatch(/^key\./);
});

test("the users page is a table that a search in the URL narrows, with each person's forms behind Manage", async ({
  page,
}) => {
  await page.goto("/settings/users");
  const rows = page.getByTestId("users").locator("tbody");
  expect(await rows.count()).toBeGreaterThan(80);
  await page.getByLabel("Search by name, username or email").fill("signer");
  await page.getByLabel("Search by name, username or email").press("Enter");
  await expect(page).toHaveURL(/\/settings\/users\?q=signer$/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("user-search-count")).toContainText("2 of");
  await page.goto("/settings/users?q=noah%20SIGNER");
  await expect(rows).toHaveCount(1);
  const noah = page.getByTestId("user-signer-noah");
  await expect(noah).toContainText("Noah");
  await expect(noah).toContainText(/\d+ keys?, \d+ machines?/);

  // Manage opens the forms in the person's own row; on a phone nothing scrolls sideways, open or not.
  await page.setViewportSize({ width: 390, height: 844 });
  const manage = noah.getByRole("button", { name: "Manage Noah" });
  await expect(manage).toHaveAttribute("aria-expanded", "false");
  await expect(noah.getByRole("button", { name: "Reset password" })).toHaveCount(0);
  await manage.click();
  await expect(manage).toHaveAttribute("aria-expanded", "true");
  await expect(noah.getByTestId("role-signer-noah").getByLabel("Role")).toHaveValue("member");
  await expect(noah.getByRole("button", { name: "Reset password" })).toBeVisible();
  await expect(noah.getByRole("button", { name: "Delete with all data" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.getByRole("link", { name: "Show everyone" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  expect(await rows.count()).toBeGreaterThan(80);
  await page.goto("/settings/users?q=nobody-has-this-name");
  await expect(page.getByTestId("user-search-count")).toContainText("0 of");
  await expect(page.getByTestId("users")).toHaveCount(0);
});

test("revoking a key asks once more, by mouse or keyboard", async ({ page }) => {
  await page.goto("/settings/keys");
  await page.getByTestId("create-key").getByLabel("Name").fill("revoke me");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-key")).toBeVisible();
  const row = page.getByTestId("keys").locator("tr", { hasText: "revoke me" });
  const revoke = row.getByRole("button", { name: "Revoke", exact: true });

  // Cancel takes the focus, so a double click or a second Enter does not revoke; Escape backs out too.
  await revoke.focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(revoke).toBeFocused();
  await expect(row).toContainText("active");

  await revoke.click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
});
