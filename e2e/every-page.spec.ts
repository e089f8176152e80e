import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { dailyReport } from "../lib/seed/reports";
import { accounts, adminStateFile, driverOf, takeMember } from "./accounts";
import { signIn } from "./helpers";

// Every page, in both themes, on a desktop and on a phone: nothing scrolls sideways on the phone, every
// page is drawn in the theme asked for, and a screenshot of each is kept with the test's results.

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const THEMES = ["light", "dark"] as const;
const PERIOD = "from=2006-03-01&to=2006-03-31";
// New contexts take the project's signed-in admin session unless given another.
const SIGNED_OUT = { cookies: [], origins: [] };

/** Elements drawn white on a dark page (or near-black on a light one): a part that ignores the theme. */
function offTheme(page: Page, theme: "light" | "dark") {
  return page.evaluate((dark) => {
    const wrong: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      const box = element.getBoundingClientRect();
      if (box.width < 40 || box.height < 20) continue;
      const match = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(
        getComputedStyle(element).backgroundColor,
      );
      if (!match || match[4] === "0") continue;
      const light = (Number(match[1]) + Number(match[2]) + Number(match[3])) / 3;
      if (dark ? light > 200 : light < 40) {
        const id = element.getAttribute("data-testid") ?? element.className.toString().slice(0, 60);
        wrong.push(`${element.tagName.toLowerCase()} ${id}`);
      }
    }
    return wrong.slice(0, 5);
  }, theme === "dark");
}

/**
 * On a page that scrolls sideways, what reaches past the viewport's right edge: the outermost such
 * elements outside any container that scrolls them itself.
 */
function tooWide(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return [];
    const past = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 0.5;
    const scrolled = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement)
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((e) => past(e) && !scrolled(e) && !(e.parentElement && past(e.parentElement)))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()} ${e.getAttribute("data-testid") ?? e.className.toString().slice(0, 60)} (${Math.round(e.getBoundingClientRect().right)} px)`,
      );
    return [`${width} px wide`, ...culprits];
  });
}

/** Tables a phone would have to scroll sideways inside their card: on a phone every table reads as rows. */
function scrollingTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter(
        (t) => t.getClientRects().length > 0 && t.getBoundingClientRect().right > window.innerWidth + 0.5,
      )
      .map(
        (t) =>
          `table ${t.getAttribute("data-testid") ?? ""} (${Math.round(t.getBoundingClientRect().width)} px)`,
      ),
  );
}

async function check(
  browser: Browser,
  baseURL: string,
  storageState: string | typeof SIGNED_OUT,
  paths: string[],
  outputPath: (name: string) => string,
) {
  for (const [width, viewport] of Object.entries(WIDTHS))
    for (const theme of THEMES) {
      const context = await browser.newContext({ viewport, colorScheme: theme, baseURL, storageState });
      const page = await context.newPage();
      for (const path of paths) {
        await page.goto(path);
        // Charts are drawn once the page has measured them: wait for them before the screenshot.
        if (await page.getByTestId("chart").count())
          await expect(page.locator(".recharts-surface").first()).toBeVisible();
        const where = `${path} ${width} ${theme}`;
        if (theme === "dark") await expect(page.locator("html"), where).toHaveClass(/dark/);
        else await expect(page.locator("html"), where).not.toHaveClass(/dark/);
        expect(await offTheme(page, theme), where).toEqual([]);
        if (width === "phone") {
          expect(await tooWide(page), where).toEqual([]);
          expect(await scrollingTables(page), where).toEqual([]);
        }
        const name =
          path
            .replace(PERIOD, "")
            .replace(/[^\w-]+/g, "_")
            .replace(/^_+|_+$/g, "") || "leaderboard";
        await page.screenshot({ path: outputPath(`${name}-${width}-${theme}.png`), fullPage: true });
      }
      await context.close();
    }
}

test("every page reads in both themes on a desktop and a phone, and none scrolls sideways", async ({
  browser,
  request,
}, info) => {
  test.setTimeout(480_000);
  const driver = driverOf(info);
  const member = takeMember(driver);
  const response = await request.post("/api/v1/usage", {
    headers: { Authorization: `Bearer ${member.key}`, "Content-Type": "application/json", Cookie: "" },
    data: Buffer.from(
      JSON.stringify(
        dailyReport({
          "2006-03-02": {
            "claude-sonnet-4-5-20250929": [120_000, 4.2],
            "claude-opus-4-1-20250805": [9000, 2],
          },
          "2006-03-20": { "claude-sonnet-4-5-20250929": [80_000, 3.1], "acme-every-page-model": [5000, 0] },
        }),
      ),
    ),
  });
  expect(response.status()).toBe(200);
  const baseURL = info.project.use.baseURL!;
  await check(
    browser,
    baseURL,
    adminStateFile(driver),
    [
      `/?${PERIOD}`,
      `/?range=all`,
      `/models?${PERIOD}`,
      `/models/claude-sonnet-4-5-20250929?${PERIOD}`,
      `/users/${member.username}?${PERIOD}`,
      "/adoption",
      "/upload",
      "/settings",
      "/settings/keys",
      "/settings/machines",
      "/settings/telemetry",
      "/settings/budgets",
      "/settings/my-data",
      "/settings/users",
      "/settings/all-keys",
      "/settings/telemetry-admin",
      "/settings/team",
      "/settings/groups",
      "/settings/prices",
      "/settings/alerts",
      "/settings/audit",
      "/users/nobody-on-this-team",
      "/models/no-such-model-anywhere",
    ],
    (name) => info.outputPath(name),
  );
  // Signed out, and a member on an admin's page (403).
  await check(browser, baseURL, SIGNED_OUT, ["/signin"], (name) => info.outputPath(`signed-out-${name}`));
  const signer = accounts(driver).signers[0];
  const context = await browser.newContext({ baseURL, storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signIn(page, signer.username, signer.password);
  // Outside the test's results: a session is not an artefact to keep.
  const state = path.join(process.env.E2E_RUN_DIR!, `${driver}-member-state.json`);
  await context.storageState({ path: state });
  await context.close();
  await check(browser, baseURL, state, ["/settings/users"], (name) => info.outputPath(`member-${name}`));
});
