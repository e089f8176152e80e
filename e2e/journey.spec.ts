import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURES_DIR } from "../test/fixtures";

// A new team on a blank server: first-run setup, an admin adds a member, the member signs in, makes a
// key, uploads from a script, sees their data, revokes the key, and deletes a machine's data.

/** What a member's cron job runs: the real ccusage CLI piped into curl. Returns curl's HTTP status. */
function uploadFromScript(baseURL: string, key: string) {
  const script = `node_modules/.bin/ccusage claude daily --json --offline | curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $CCS_KEY" -H "X-Machine-Id: casey-laptop" --data-binary @- ${baseURL}/api/v1/usage`;
  return execFileSync("bash", ["-c", script], {
    env: {
      ...process.env,
      CCS_KEY: key,
      CLAUDE_CONFIG_DIR: path.join(FIXTURES_DIR, "claude-config"),
      TZ: "UTC",
    },
    encoding: "utf8",
  });
}

test("first run to first chart, and back", async ({ page, browser }, info) => {
  // About 40 page loads and four password hashings in one story: near 30 s on a quiet machine.
  test.slow();
  const baseURL = String(info.project.use.baseURL);

  // First run: the home page leads to setup; bad input is explained and what was typed stays.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Username").fill("Boss Person");
  await page.getByLabel("Display name").fill("The Boss");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page.getByText("must be 1-50 characters")).toBeVisible();
  await expect(page.getByText("must be at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("The Boss");
  await page.getByLabel("Username").fill("boss");
  await page.getByLabel("Password", { exact: true }).fill("boss password 123");
  await page.getByLabel("Confirm password").fill("boss password 123");
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page).toHaveURL(/\/settings\/keys$/);
  // Setup ends with the next step: adding the team.
  const next = page.getByTestId("add-team");
  await expect(next).toContainText("Next: add your team");
  await page.screenshot({ path: info.outputPath("after-setup.png"), fullPage: true });
  // Setup is closed for good (a signed-in admin is sent on to the dashboard).
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup/);

  // The admin follows that step, adds a member and gets a one-time password for them.
  await page.goto("/settings/keys");
  await next.getByRole("link", { name: "Add people" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const create = page.getByTestId("create-user");
  await create.getByLabel("Username").fill("casey");
  await create.getByLabel("Display name").fill("Casey Jones");
  await create.getByRole("button", { name: "Create user" }).click();
  const oneTime = (await page.getByTestId("one-time-password").textContent())!;
  expect(oneTime).toMatch(/^[\w-]{20}$/);
  await page.screenshot({ path: info.outputPath("admin-users.png"), fullPage: true });
  await expect(page.getByTestId("user-casey")).toContainText("Casey Jones");
  // With company, the keys page no longer asks the admin to add the team.
  await page.goto("/settings/keys");
  await expect(page.getByTestId("create-key")).toBeVisible();
  await expect(page.getByTestId("add-team")).toHaveCount(0);

  // The member signs in elsewhere (on two browsers) and must choose a password first.
  const signInAsCasey = async () => {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto("/");
    await page.getByLabel("Username").fill("casey");
    await page.getByLabel("Password").fill(oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings\?password=required/);
    return page;
  };
  const casey = await signInAsCasey();
  const caseyElsewhere = await signInAsCasey();
  await expect(casey.getByTestId("password-required")).toBeVisible();
  const password = casey.getByTestId("password");
  await password.getByLabel("One-time password").fill(oneTime);
  await password.getByLabel("New password", { exact: true }).fill("casey password 123");
  await password.getByLabel("Confirm new password").fill("casey password 123");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByTestId("form-success")).toHaveText(
    "Password changed. You are signed out everywhere else.",
  );
  // The session that knew only the old password is over; the one that changed it carries on below.
  await caseyElsewhere.goto("/settings");
  await expect(caseyElsewhere).toHaveURL(/\/signin/);

  // A key, shown once with the command to run.
  await casey.goto("/settings/keys");
  await casey.getByTestId("create-key").getByLabel("Name").fill("laptop");
  await casey.getByRole("button", { name: "Create key" }).click();
  const key = (await casey.getByTestId("new-key").textContent())!;
  expect(key).toMatch(/^ccs_[\w-]{43}$/);
  await expect(casey.getByTestId("new-key-command")).toContainText(`Bearer ${key}`);
  await casey.screenshot({ path: info.outputPath("new-key.png"), fullPage: true });

  // Upload from a script, then see the data.
  expect(uploadFromScript(baseURL, key)).toBe("200");
  await casey.goto("/users/casey?range=all");
  await expect(casey.getByTestId("person-cost")).toHaveText("$1.43");
  await expect(casey.getByTestId("chart").first().locator(".recharts-bar-rectangle").first()).toBeVisible();

  // Revoke the key: the next upload is refused.
  await casey.goto("/settings/keys");
  await casey.getByRole("button", { name: "Revoke" }).click();
  await casey.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(casey.getByTestId("keys")).toContainText("revoked");
  expect(uploadFromScript(baseURL, key)).toBe("401");

  // Delete the machine's data: the charts drop.
  await casey.goto("/settings/machines");
  const machine = casey.getByTestId("delete-machine-casey-laptop");
  await machine.getByRole("button", { name: "Delete machine and its usage" }).click();
  await expect(machine.getByText('Type "casey-laptop" to confirm.')).toBeVisible();
  await machine.getByLabel('Type "casey-laptop" to confirm').fill("casey-laptop");
  await machine.getByRole("button", { name: "Delete machine and its usage" }).click();
  await expect(casey.getByText("Nothing uploaded yet.")).toBeVisible();
  await casey.goto("/users/casey?range=all");
  await expect(casey.getByTestId("person-cost")).toHaveText("$0.00");
  await expect(casey.getByTestId("no-usage")).toBeVisible();

  // Signing out ends the session: the dashboard asks to sign in again.
  await casey.getByRole("button", { name: "Sign out" }).click();
  await expect(casey).toHaveURL(/\/signin/);
  await expect(casey.getByLabel("Username")).toBeVisible();
  // Asked over HTTP with the browser's own cookies: a page.goto here could race the sign-out navigation.
  const after = await casey.context().request.get("/models", { maxRedirects: 0 });
  expect(after.status()).toBe(307);
  expect(after.headers()["location"]).toContain("/signin?callbackUrl=%2Fmodels");

  // Everything the admin and the member did is in the audit log.
  await page.goto("/settings/audit");
  for (const action of [
    "setup.admin_created",
    "user.create",
    "user.password_change",
    "key.create",
    "key.revoke",
    "machine.delete",
  ]) {
    await expect(page.getByTestId("audit")).toContainText(action);
  }
});
