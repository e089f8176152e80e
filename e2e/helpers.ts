import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

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
 * shows them. Callers without a session send a junk session cookie: the proxy's early redirect then
 * steps aside, and the action's own check is what answers.
 */
export async function callAction(request: APIRequestContext, baseURL: string, name: string, args: unknown) {
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
  const hasSession = (await request.storageState()).cookies.some((c) =>
    c.name.includes("authjs.session-token"),
  );
  const response = await request.post(page!, {
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
      ...(hasSession ? {} : { Cookie: "authjs.session-token=not-a-session" }),
    },
    data: JSON.stringify([args]),
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}
