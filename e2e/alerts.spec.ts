import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startReceiver } from "../test/webhook-receiver";

// Signed in as the admin (the project's saved session). The receiver is a real HTTP server in this test
// process; the app's delivery worker (polling every 250 ms here, e2e/serve.ts) sends to it.

test("an admin adds a signed webhook, sends a test and sees it delivered", async ({ page }) => {
  const receiver = await startReceiver();
  const secret = `e2e-secret-${Date.now()}`;
  try {
    await page.goto("/settings/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    const form = page.getByTestId("add-webhook");

    // A bad URL is refused beside its field, and nothing is added.
    await form.getByLabel("URL").fill("ftp://example.com/hook");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText("must start with http:// or https:// (not ftp://)")).toBeVisible();

    await form.getByLabel("URL").fill(`${receiver.url}?key=hidden-token`);
    await form.getByLabel("Format").selectOption("json");
    await form.getByLabel("Signing secret (optional)").fill(secret);
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText(/^Added webhook \d+/)).toBeVisible();

    // Shown redacted, with only whether a secret is set.
    const row = page.getByTestId("webhooks").getByRole("row").filter({ hasText: receiver.url });
    await expect(row).toContainText(`${receiver.url}?…`);
    await expect(row.getByRole("cell").nth(1)).toHaveText("set");
    await expect(page.locator("body")).not.toContainText("hidden-token");
    await expect(page.locator("body")).not.toContainText(secret);
    const id = (await row.getAttribute("data-testid"))!.replace("webhook-", "");

    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByText("Test alert queued")).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [got] = receiver.received;
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      kind: "test",
      payload: { title: expect.stringMatching(/^Test alert from /) },
    });
    expect(got.headers["x-ccs-timestamp"]).toBe(String(body.sentAt));
    expect(got.headers["x-ccs-signature"]).toBe(
      `sha256=${createHmac("sha256", secret).update(got.body).digest("hex")}`,
    );
    expect(got.headers["user-agent"]).toMatch(/^ClaudeCodeStats\//);

    // The deliveries list shows it delivered, with its try.
    await expect(async () => {
      await page.reload();
      const delivery = page.locator(`[data-webhook="${id}"]`).first();
      await expect(delivery.getByTestId("delivery-state")).toHaveText("delivered", { timeout: 1000 });
      await expect(delivery.getByTestId("delivery-attempts")).toContainText("HTTP 200");
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId("alerts")).toContainText("Test alert from");

    // Deleted after asking once more: it is gone from the list.
    await row.getByRole("button", { name: "Delete" }).click();
    await row.getByRole("button", { name: "Delete webhook" }).click();
    await expect(page.getByTestId(`webhook-${id}`)).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
