import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURES_DIR } from "../test/fixtures";
import { accounts, driverOf } from "./accounts";

// Signed in as the admin (the project's saved session): the upload lands on the admin's own usage.
test("a signed-in person picks a file, previews it, confirms, and a second preview shows it stored", async ({
  page,
}, info) => {
  const { admin } = accounts(driverOf(info));
  await page.goto("/upload");
  await expect(page.getByRole("heading", { level: 1, name: "Upload usage" })).toBeVisible();
  // The uploader one-liner names this server.
  await expect(page.getByLabel("Upload command")).toContainText(`${new URL(page.url()).origin}/api/v1/usage`);

  await page.getByLabel("Machine").fill("work-laptop");
  await page.getByTestId("report-file").setInputFiles(path.join(FIXTURES_DIR, "v20.0.24/claude-daily.json"));
  await expect(page.getByText("claude-daily.json")).toBeVisible();

  await page.getByRole("button", { name: "Preview" }).click();
  const result = page.getByTestId("upload-result");
  await expect(result).toContainText("Preview: 3 days from 2025-09-29 to 2025-10-01");
  await expect(result).toContainText("3 new, 0 updated, 0 unchanged, 0 kept higher");
  await expect(page.getByTestId("upload-cost")).toHaveText("$1.43");
  await expect(page.getByTestId("upload-tokens")).toHaveText("234,995");
  await page.screenshot({ path: info.outputPath("upload-preview.png"), fullPage: true });

  await page.getByRole("button", { name: "Confirm upload" }).click();
  await expect(result).toContainText("Uploaded: 3 days");
  await expect(result).toContainText(`for ${admin.username} on machine “work-laptop”`);
  // The stored days are a click away, on the leaderboard and on the uploader's own page.
  const period = "range=custom&from=2025-09-29&to=2025-10-01";
  await expect(page.getByRole("link", { name: "The leaderboard for these days" })).toHaveAttribute(
    "href",
    `/?${period}`,
  );
  const mine = page.getByRole("link", { name: `See ${admin.username}’s usage for these days` });
  await expect(mine).toHaveAttribute("href", `/users/${admin.username}?${period}`);

  // Uploading the same file again changes nothing.
  await page.getByLabel("Machine").fill("work-laptop ");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(result).toContainText("0 new, 0 updated, 3 unchanged, 0 kept higher");
  // A preview links nowhere: nothing is stored yet.
  await expect(page.getByTestId("upload-links")).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm upload" }).click();
  await page.getByRole("link", { name: `See ${admin.username}’s usage for these days` }).click();
  await expect(page).toHaveURL(
    new RegExp(`/users/${admin.username}\\?range=custom&from=2025-09-29&to=2025-10-01$`),
  );
  await expect(page.getByTestId("person-cost")).toContainText("$");
});

test("bad input is explained next to what is wrong, and what was typed stays", async ({ page }) => {
  await page.goto("/upload");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Choose a file or paste a report.")).toBeVisible();

  await page.getByLabel("…or paste the report").fill('{"daily": [ {"date": "2025-01-01",} ]}');
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("upload-error")).toContainText("not valid JSON");
  await expect(page.getByTestId("upload-error")).toContainText("line 1, column 35");
  await expect(page.getByLabel("…or paste the report")).toHaveValue('{"daily": [ {"date": "2025-01-01",} ]}');

  await page.getByLabel("…or paste the report").fill('{"weekly": []}');
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("upload-error")).toContainText("not per-day data");
});
