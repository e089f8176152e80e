import { expect, test, type Page } from "@playwright/test";
import { dailyReport } from "../lib/seed/reports";
import { driverOf, takeMember, type Member } from "./accounts";
import { uploadDays } from "./helpers";

// A small team uploads January 2003 (no other test writes there) over the API; then every view of that
// period must show exactly what was uploaded. dailyReport stores, for t tokens: input t, output 2t,
// cache write 3t, cache read 4t (10t in all).
const PERIOD = "from=2003-01-01&to=2003-01-10";

function csvRows(text: string) {
  const [header, ...lines] = text.trim().split("\r\n");
  const keys = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [keys[i], v])));
}

async function chartRendered(page: Page, index = 0) {
  const chart = page.getByTestId("chart").nth(index);
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
}

test.describe.serial("dashboard", () => {
  let alice: Member, bob: Member, carol: Member;

  test.beforeAll(async ({ request }, info) => {
    [alice, bob, carol] = [
      takeMember(driverOf(info)),
      takeMember(driverOf(info)),
      takeMember(driverOf(info)),
    ];
    await uploadDays(
      request,
      alice,
      {
        "2003-01-02": { "claude-opus-4": [1000, 10] },
        "2003-01-05": { "claude-sonnet-4": [500, 2.5] },
      },
      "laptop",
    );
    await uploadDays(
      request,
      alice,
      {
        "2003-01-05": { "claude-sonnet-4": [100, 0.5], "gpt-5-codex": [200, 1] },
      },
      "desktop",
    );
    await uploadDays(request, bob, {
      "2002-12-30": { "claude-sonnet-4": [100, 1] }, // the previous period
      "2003-01-03": { "claude-sonnet-4": [300, 3] },
      "2003-01-09": { "claude-haiku-4": [50, 0.05] },
    });
    await uploadDays(request, carol, { "2003-01-10": { "claude-opus-4": [10, 0.2] } });
  });

  test("the leaderboard, its JSON and its CSV agree with the uploads", async ({ page, request }, info) => {
    await page.goto(`/?${PERIOD}`);
    await expect(page.getByTestId("period-label")).toHaveText("2003-01-01 to 2003-01-10 (10 days)");
    await expect(page.getByTestId("team-cost")).toHaveText("$17.25");
    await expect(page.getByTestId("team-tokens")).toHaveText("21.6K");
    await expect(page.getByTestId("team-people")).toHaveText("3");
    await expect(page.getByTestId("team-cost-per-day")).toHaveText("$3.45");
    const rows = page.getByTestId("leaderboard").locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText(alice.username);
    await expect(page.getByTestId(`leaderboard-row-${alice.username}`).getByTestId("cost")).toHaveText(
      "$14.00",
    );
    // The top model by its readable name, the id on hover.
    await expect(page.getByTestId(`leaderboard-row-${alice.username}`)).toContainText("Claude Opus 4");
    await expect(
      page.getByTestId(`leaderboard-row-${alice.username}`).getByTitle("claude-opus-4"),
    ).toBeVisible();
    await expect(page.getByTestId(`leaderboard-row-${bob.username}`).getByTestId("cost")).toHaveText("$3.05");
    await expect(page.getByTestId(`leaderboard-row-${bob.username}`)).toContainText("+205%");
    await expect(page.getByTestId(`leaderboard-row-${carol.username}`).getByTestId("cost")).toHaveText(
      "$0.20",
    );
    await chartRendered(page);
    // The token split and the chart's data table are built when opened.
    const aliceTokens = page.getByTestId(`leaderboard-row-${alice.username}`).getByTestId("tokens");
    await aliceTokens.click();
    await expect(aliceTokens.locator("xpath=..")).toContainText("cache read7,200");
    const chartCard = page.getByRole("region", { name: "Team cost per day, by person" });
    await chartCard.getByText("Data table").click();
    await expect(chartCard.locator("table tbody tr")).toHaveCount(10);
    await expect(chartCard.locator("table tbody tr", { hasText: "2003-01-02" })).toContainText("$10.00");
    await page.screenshot({ path: info.outputPath("leaderboard-light.png"), fullPage: true });

    const json = await (await request.get(`/api/v1/leaderboard?${PERIOD}`)).json();
    expect(json.period).toMatchObject({
      range: "custom",
      from: "2003-01-01",
      to: "2003-01-10",
      days: 10,
      previous: { from: "2002-12-22", to: "2002-12-31" },
    });
    expect(json.team).toMatchObject({
      cost: 17.25,
      totalTokens: 21600,
      activePeople: 3,
      activePersonDays: 5,
      costPerActiveDay: 3.45,
    });
    expect(
      json.rows.map((r: { username: string; cost: number; previousCost: number }) => [
        r.username,
        r.cost,
        r.previousCost,
      ]),
    ).toEqual([
      [alice.username, 14, 0],
      [bob.username, 3.05, 1],
      [carol.username, 0.2, 0],
    ]);
    expect(json.rows[0]).toMatchObject({
      inputTokens: 1800,
      outputTokens: 3600,
      cacheCreationTokens: 5400,
      cacheReadTokens: 7200,
      totalTokens: 18000,
      activeDays: 2,
    });

    const csv = await request.get(`/api/v1/leaderboard?${PERIOD}&format=csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toContain(
      'filename="leaderboard-2003-01-01-to-2003-01-10.csv"',
    );
    const table = csvRows(await csv.text());
    expect(table.map((r) => [r.username, Number(r.cost_usd), Number(r.total_tokens)])).toEqual([
      [alice.username, 14, 18000],
      [bob.username, 3.05, 3500],
      [carol.username, 0.2, 100],
    ]);

    // Claude only drops the Codex model.
    await page.goto(`/?${PERIOD}&provider=claude`);
    await expect(page.getByTestId("team-cost")).toHaveText("$16.25");
    await expect(page.getByTestId(`leaderboard-row-${alice.username}`).getByTestId("cost")).toHaveText(
      "$13.00",
    );
    // Sorting by cache efficiency keeps everyone (all reads are 4/8 of input-side tokens here).
    await page.getByRole("link", { name: "Cache reads" }).click();
    await expect(page).toHaveURL(/sort=cache/);
    await expect(rows).toHaveCount(3);
  });

  test("every leaderboard row has a labelled spark line of its cost per bucket", async ({ page }) => {
    await page.goto(`/?${PERIOD}`);
    const spark = (who: Member) =>
      page.getByTestId(`leaderboard-row-${who.username}`).getByRole("img", { name: /^Cost per day: / });
    for (const who of [alice, bob, carol]) await expect(spark(who)).toBeVisible();
    await expect(page.getByTestId("leaderboard").getByTestId("spark")).toHaveCount(3);
    await expect(spark(carol)).toHaveAccessibleName("Cost per day: $0.00 → $0.20");
    // Alice: $10 on the 2nd and $4 on the 5th of the ten days: levels 0, 18, 0, 0, 7, 0 … of 18.
    await expect(spark(alice).locator("path")).toHaveAttribute("d", "M0 18l1 -18l1 18h1l1 -7l1 7h4");
    // Per week when the chart is: 2003-01-01 is a Wednesday, so two weeks.
    await page.goto(`/?${PERIOD}&bucket=week`);
    await expect(
      page.getByTestId(`leaderboard-row-${alice.username}`).getByRole("img", { name: /^Cost per week: / }),
    ).toHaveAccessibleName("Cost per week: $14.00 → $0.00");
  });

  test("a person page's header gives their rank and share as the leaderboard has them", async ({ page }) => {
    for (const provider of ["all", "claude"]) {
      await page.goto(`/?${PERIOD}&provider=${provider}`);
      const teamCost = Number((await page.getByTestId("team-cost").textContent())!.replace(/[$,]/g, ""));
      const board = [];
      for (const who of [alice, bob, carol]) {
        const row = page.getByTestId(`leaderboard-row-${who.username}`);
        const cost = Number((await row.getByTestId("cost").textContent())!.replace(/[$,]/g, ""));
        board.push({ who, rank: (await row.locator("td").first().textContent())!, share: cost / teamCost });
      }
      for (const { who, rank, share } of board) {
        await page.goto(`/users/${who.username}?${PERIOD}&provider=${provider}`);
        await expect(page.getByTestId("person-standing")).toHaveText(
          new RegExp(`^#${rank} of 3 by cost · ${(share * 100).toFixed(share < 0.1 ? 1 : 0)}% of team cost$`),
        );
      }
    }
    await page.goto(`/users/${bob.username}?${PERIOD}`);
    await expect(page.getByTestId("person-standing")).toHaveText("#2 of 3 by cost · 18% of team cost");
  });

  test("on a phone, tables are rows with the cost beside the name and nothing scrolls sideways", async ({
    browser,
  }, info) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      baseURL: info.project.use.baseURL,
    });
    const page = await context.newPage();
    const tables = [
      [`/?${PERIOD}`, "leaderboard", 3, ["Person", "Cost", "Trend"]],
      [`/models?${PERIOD}`, "models", 4, ["Model", "Cost"]],
      [`/users/${alice.username}?${PERIOD}`, "person-models", 3, ["Model", "Cost"]],
      [`/users/${alice.username}?${PERIOD}`, "person-daily", 2, ["Date", "Cost"]],
    ] as const;
    for (const [path, testId, count, columns] of tables) {
      await page.goto(path);
      const table = page.getByTestId(testId);
      const rows = table.locator("tbody tr");
      await expect(rows).toHaveCount(count);
      for (let i = 0; i < count; i++) {
        const cost = rows.nth(i).locator("[data-testid$=cost]").first();
        await cost.scrollIntoViewIfNeeded();
        await expect(cost, `${testId} row ${i}`).toBeInViewport({ ratio: 1 });
        await expect(rows.nth(i).locator(".phone-summary")).toBeVisible();
      }
      // The other columns are under each name instead.
      await expect(table.locator("thead th:visible")).toHaveText(columns.map((c) => new RegExp(`^${c}`)));
      const card = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
      expect(card, testId).toBeLessThanOrEqual(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto(`/?${PERIOD}`);
    await expect(page.getByTestId(`leaderboard-row-${alice.username}`)).toContainText("Top\u00a0model");
    await page.screenshot({ path: info.outputPath("phone-leaderboard.png"), fullPage: true });
    await page.goto(`/models?${PERIOD}`);
    await page.screenshot({ path: info.outputPath("phone-models.png"), fullPage: true });
    await page.goto(`/users/${alice.username}?${PERIOD}`);
    await page.screenshot({ path: info.outputPath("phone-person.png"), fullPage: true });
    await context.close();
  });

  test("a person page shows their totals, models, machines, days and charts", async ({
    page,
    request,
  }, info) => {
    await page.goto(`/?${PERIOD}`);
    const link = page.getByRole("link", { name: alice.username.replace("member-", "Member "), exact: true });
    // A modified click is the browser's (a new tab); a plain one opens the page in the app, no reload.
    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      link.click({ modifiers: ["Control"] }),
    ]);
    await expect(tab).toHaveURL(new RegExp(`/users/${alice.username}\\?`));
    await tab.close();
    await expect(page).toHaveURL(new RegExp(`/\\?${PERIOD}$`));
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/users/${alice.username}\\?from=2003-01-01&to=2003-01-10`));
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    await expect(page.getByTestId("person-cost")).toHaveText("$14.00");
    await expect(page.getByTestId("person-tokens")).toHaveText("18K");
    await expect(page.getByTestId("person-days")).toHaveText("2");
    await expect(page.getByTestId("person-cache")).toHaveText("50%");
    await expect(page.getByTestId("person-models").locator("tbody tr")).toHaveCount(3);
    await expect(page.getByTestId("person-machines")).toContainText("laptop");
    await expect(page.getByTestId("person-machines")).toContainText("desktop");
    const daily = page.getByTestId("person-daily").locator("tbody tr");
    await expect(daily).toHaveCount(2);
    await expect(daily.nth(0)).toContainText("2003-01-05");
    await expect(daily.nth(0)).toContainText("$4.00");
    await chartRendered(page, 0);
    await chartRendered(page, 1);
    // The calendar follows the period, from alice's first day; its squares are drawn in the browser.
    const calendar = page.getByTestId("calendar");
    await expect(calendar.locator("[data-date]")).toHaveCount(9);
    await expect(calendar.locator("[data-date]").first()).toHaveAttribute("data-date", "2003-01-02");
    await expect(calendar.locator('[data-date="2003-01-02"]')).toHaveAttribute("title", "2003-01-02: $10.00");
    await expect(calendar.locator('[data-date="2003-01-02"]')).toHaveClass(/bg-indigo-800/);
    await expect(calendar.locator('[data-date="2003-01-05"]')).toHaveAttribute("data-level", "2");
    await expect(
      page.getByRole("img", { name: "Activity from 2003-01-02 to 2003-01-10: 2 active days" }),
    ).toBeVisible();
    await expect(calendar.getByTestId("calendar-month")).toHaveText(["Jan"]);
    await expect(calendar.getByTestId("calendar-weekday")).toHaveText(["Mon", "Wed", "Fri"]);
    const legend = page.getByTestId("calendar-legend");
    await expect(legend).toContainText("Less");
    await expect(legend).toContainText("More");
    await expect(legend.getByRole("img", { name: "$7.50 to $10.00 a day" })).toBeVisible();
    await page.screenshot({ path: info.outputPath("person.png"), fullPage: true });

    const json = await (await request.get(`/api/v1/users/${alice.username}/usage?${PERIOD}`)).json();
    expect(json.totals).toMatchObject({ cost: 14, totalTokens: 18000, activeDays: 2 });
    expect(
      json.days.map((d: { date: string; cost: number; models: unknown[] }) => [
        d.date,
        d.cost,
        d.models.length,
      ]),
    ).toEqual([
      ["2003-01-02", 10, 1],
      ["2003-01-05", 4, 2],
    ]);
    const csv = csvRows(
      await (await request.get(`/api/v1/users/${alice.username}/usage?${PERIOD}&format=csv`)).text(),
    );
    expect(csv.map((r) => [r.date, r.model, Number(r.cost_usd)])).toEqual([
      ["2003-01-02", "claude-opus-4", 10],
      ["2003-01-05", "claude-sonnet-4", 3],
      ["2003-01-05", "gpt-5-codex", 1],
    ]);
  });

  test("the activity calendar shows a week as seven days; an empty period points to the person's data", async ({
    page,
  }) => {
    await page.goto(`/users/${bob.username}?from=2003-01-03&to=2003-01-09`);
    const cells = page.getByTestId("calendar").locator("[data-date]");
    await expect(cells).toHaveCount(7);
    await expect(cells.last()).toHaveAttribute("data-date", "2003-01-09");
    await expect(cells.first()).toHaveAttribute("data-level", "4");

    await page.goto(`/users/${alice.username}?from=2003-03-01&to=2003-03-31&bucket=week`);
    await expect(page.getByTestId("no-usage")).toBeVisible();
    await expect(page.getByTestId("data-range")).toContainText("Data from 2003-01-02 to 2003-01-05.");
    await page.getByRole("link", { name: "Show 2003-01-02 to 2003-01-05" }).click();
    await expect(page).toHaveURL(/from=2003-01-02&to=2003-01-05&bucket=week&range=custom/);
    await expect(page.getByTestId("person-cost")).toHaveText("$14.00");

    // The team's pages offer the team's data.
    await page.goto("/?from=1990-01-01&to=1990-01-07");
    await expect(page.getByTestId("data-range")).toBeVisible();
    await page.getByTestId("data-range").getByRole("link").click();
    await expect(page.getByTestId("leaderboard").locator("tbody tr").first()).toBeVisible();
  });

  test("a long period lists the latest days and points to the CSV for the rest", async ({
    page,
    request,
  }, info) => {
    // 2005 is written by no other test.
    const dave = takeMember(driverOf(info));
    const days: Parameters<typeof dailyReport>[0] = {};
    for (let d = 0; d < 70; d++)
      days[new Date(Date.UTC(2005, 0, 1 + d)).toISOString().slice(0, 10)] = { "claude-sonnet-4": [100, 1] };
    await uploadDays(request, dave, days);
    const range = "from=2005-01-01&to=2005-12-31";
    await page.goto(`/users/${dave.username}?${range}`);
    await expect(page.getByTestId("person-days")).toHaveText("70");
    const rows = page.getByTestId("person-daily").locator("tbody tr");
    await expect(rows).toHaveCount(62);
    await expect(rows.first()).toContainText("2005-03-11");
    const more = page.getByTestId("person-daily-more");
    await expect(more).toContainText("The latest 62 of 70 days");
    const csv = await request.get((await more.getByRole("link").getAttribute("href"))!);
    expect(csvRows(await csv.text())).toHaveLength(70);
    // A year's calendar on a phone scrolls inside its card and opens at its latest weeks.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("calendar").locator("[data-date]")).toHaveCount(365);
    await expect(page.getByTestId("calendar-month")).toHaveCount(12);
    const scroller = page.getByTestId("calendar").locator("div.overflow-x-auto");
    await expect
      .poll(() => scroller.evaluate((e) => e.scrollWidth - e.clientWidth - e.scrollLeft))
      .toBeLessThanOrEqual(1);
    expect(await scroller.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  });

  test("the models pages show spend per model and who uses it", async ({ page, request }, info) => {
    await page.goto(`/models?${PERIOD}`);
    await expect(page.getByTestId("model-row-claude-opus-4").getByTestId("cost")).toHaveText("$10.20");
    await expect(page.getByTestId("model-row-claude-sonnet-4").getByTestId("cost")).toHaveText("$6.00");
    await expect(page.getByTestId("model-row-gpt-5-codex")).toContainText("openai");
    await chartRendered(page, 0);
    await chartRendered(page, 1);
    await page.screenshot({ path: info.outputPath("models.png"), fullPage: true });

    const json = await (await request.get(`/api/v1/models?${PERIOD}`)).json();
    expect(json.totalCost).toBe(17.25);
    expect(
      json.rows.map((r: { model: string; cost: number; people: number }) => [r.model, r.cost, r.people]),
    ).toEqual([
      ["claude-opus-4", 10.2, 2],
      ["claude-sonnet-4", 6, 2],
      ["gpt-5-codex", 1, 1],
      ["claude-haiku-4", 0.05, 1],
    ]);

    await page.getByRole("link", { name: "Claude Sonnet 4" }).first().click();
    await expect(page.getByRole("heading", { name: "Claude Sonnet 4" })).toBeVisible();
    await expect(page.getByTestId("model-cost")).toHaveText("$6.00");
    await expect(page.getByTestId("model-people")).toHaveText("2");
    await expect(page.getByTestId("bar-list")).toContainText("$3.00");
    await chartRendered(page, 0);

    // Claude only on a Codex model explains the empty page instead of drawing empty charts.
    await page.goto(`/models/gpt-5-codex?${PERIOD}&provider=claude`);
    await expect(page.getByTestId("filtered-out")).toContainText(
      "is not a Claude model, so the “Claude only” filter hides it.",
    );
    await expect(page.getByTestId("chart")).toHaveCount(0);
    await page.getByRole("link", { name: "Show it with all providers" }).click();
    await expect(page).not.toHaveURL(/provider=/);
    await expect(page.getByTestId("model-cost")).toHaveText("$1.00");
  });

  test("dark theme follows the system and the toggle; phones get no sideways page scroll", async ({
    browser,
  }, info) => {
    const context = await browser.newContext({
      colorScheme: "dark",
      viewport: { width: 390, height: 844 },
      baseURL: info.project.use.baseURL,
    });
    const page = await context.newPage();
    for (const path of [`/?${PERIOD}`, `/users/${alice.username}?${PERIOD}`, `/models?${PERIOD}`]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(/dark/);
      await chartRendered(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: info.outputPath(`phone-dark-${path.split("?")[0].replaceAll("/", "_") || "home"}.png`),
        fullPage: true,
      });
    }
    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/dark/); // the choice is remembered
    await context.close();
  });

  test("unknown people and models are 404s; bad parameters are 422s and explained on pages", async ({
    page,
    request,
  }) => {
    expect((await page.goto("/users/nobody-at-all"))!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.goto("/models/no-such-model"))!.status()).toBe(404);
    const user = await request.get("/api/v1/users/nobody-at-all/usage");
    expect(user.status()).toBe(404);
    expect(await user.json()).toEqual({
      error: { code: "not_found", message: 'No user named "nobody-at-all".' },
    });
    expect((await request.get("/api/v1/models/no-such-model")).status()).toBe(404);

    const bad = await request.get("/api/v1/leaderboard?range=week&limit=0");
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.details.problems.map((p: { path: string }) => p.path)).toEqual([
      "range",
      "limit",
    ]);
    await page.goto("/?from=2003-02-01&to=2003-01-01");
    await expect(page.getByTestId("invalid-query")).toContainText("from must not be after to");
  });
});
