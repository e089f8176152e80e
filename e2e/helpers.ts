import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { serverLogFile } from "./accounts";
import { dailyReport } from "../lib/seed/reports";

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("settings-link")).toBeVisible();
}

const manifest = () =>
  JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };

/**
 * Calls a server action over HTTP exactly as the browser does (POST with the Next-Action header to a
 * page that bundles it), so tests can check that the action itself refuses callers, whatever the UI
 * shows them.
 */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  name: string,
  args: unknown,
  headers: Record<string, string> = {},
) {
  const [id, entry] = Object.entries(manifest().node).find(([, e]) => e.exportedName === name) ?? [];
  if (!id || !entry) throw new Error(`No server action named ${name} in the build`);
  const page = Object.keys(entry.workers)
    .map(
      (worker) =>
        worker
          .replace(/^app/, "")
          .replace(/\/page$/, "")
          .replace(/\/\([^)]*\)/g, "") || "/",
    )
    .find((route) => !route.includes("["));
  const response = await request.post(page!, {
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
      ...headers,
    },
    data: JSON.stringify([args]),
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

/** What the test server printed from `offset` (bytes) on: tests take the length first, act, then read. */
export function serverLog(driver: string, offset = 0): string {
  const file = serverLogFile(driver);
  return fs.existsSync(file) ? fs.readFileSync(file).subarray(offset).toString("utf8") : "";
}

export function serverLogLength(driver: string): number {
  const file = serverLogFile(driver);
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** `member` uploads a generated daily report (see dailyReport) from `machine`; it must be accepted. */
export async function uploadDays(
  request: APIRequestContext,
  member: { key: string },
  days: Parameters<typeof dailyReport>[0],
  machine = "default",
) {
  const response = await request.post("/api/v1/usage", {
    headers: {
      Authorization: `Bearer ${member.key}`,
      "X-Machine-Id": machine,
      "Content-Type": "application/json",
    },
    data: Buffer.from(JSON.stringify(dailyReport(days))),
  });
  expect(response.status()).toBe(200);
}

/** Creates a group through Settings → Groups, as an admin would. */
export async function createGroup(page: Page, name: string, displayName: string) {
  await page.goto("/settings/groups");
  const form = page.getByTestId("create-group");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Display name (optional)").fill(displayName);
  await form.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByTestId(`group-${name}`)).toBeVisible();
}

/**
 * Signs `page` out and checks that `copy`, a request context holding a copy of its session cookie (on
 * the same or another server), is signed out too: settings redirect to sign-in, the API answers 401.
 */
export async function signOutEndsCopy(page: Page, copy: APIRequestContext) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const settings = await copy.get("/settings", { maxRedirects: 0 });
  expect(settings.status()).toBe(307);
  expect(settings.headers()["location"]).toContain("/signin");
  expect((await copy.get("/api/v1/leaderboard")).status()).toBe(401);
}
