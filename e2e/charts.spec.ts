import { expect, test, type Page } from "@playwright/test";
import { chartColors } from "../lib/charts/palette";
import { driverOf, takeMember, type Member } from "./accounts";
import { uploadDays } from "./helpers";

// Two members upload June 2011 (no other test writes there). The week looked at is 06-08..06-14; the
// week before it, 06-01..06-07, is its previous period.
const WEEK = "from=2011-06-08&to=2011-06-14";

/** The middle of the plot over bar `index` of `bars` (the y axis takes 56 px, the right margin 8). */
async function overBar(page: Page, chartIndex: number, index: number, bars: number) {
  const chart = page.getByTestId("chart").nth(chartIndex);
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const box = (await chart.boundingBox())!;
  const plot = box.width - 64;
  return { x: box.x + 56 + (plot * (index + 0.5)) / bars, y: box.y + box.height / 2 };
}

const displayName = (member: Member) => member.username.replace("member-", "Member ");
const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

test.describe.serial("charts", () => {
  let alice: Member, bob: Member, carol: Member;

  test.beforeAll(async ({ request }, info) => {
    [alice, bob, carol] = [
      takeMember(driverOf(info)),
      takeMember(driverOf(info)),
      takeMember(driverOf(info)),
    ];
    await uploadDays(request, alice, {
      "2011-06-02": { "claude-opus-4": [1000, 4] },
      "2011-06-09": { "claude-opus-4": [1000, 6] },
      "2011-06-12": { "claude-sonnet-4": [500, 2] },
    });
    await uploadDays(request, bob, { "2011-06-10": { "claude-opus-4": [100, 1] } });
    await uploadDays(request, carol, { "2011-06-11": { "claude-sonnet-4": [100, 3] } });
  });

  test("the previous period is drawn on the cost chart, with its change in the tooltip", async ({ page }) => {
    await page.goto(`/?${WEEK}`);
    await page.getByRole("button", { name: "Compare with previous period" }).click();
    await expect(page).toHaveURL(/compare=previous/);
    await expect(page.getByRole("button", { name: "Compare with previous period" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    const chart = page.getByTestId("chart").first();
    await expect(chart).toHaveAttribute("data-previous", "true");
    await expect(chart.locator(".recharts-line")).toHaveCount(1);
    // 06-09 ($6) against 06-02 ($4).
    const { x, y } = await overBar(page, 0, 1, 7);
    await page.mouse.move(x, y);
    const tooltip = page.getByTestId("chart-tooltip");
    await expect(tooltip).toContainText("2011-06-09");
    await expect(tooltip.getByTestId("chart-tooltip-previous")).toHaveText("Previous period$4.00 (+50%)");
    const card = page.getByRole("region", { name: "Team cost per day, by person" });
    await card.getByText("Data table").click();
    await expect(card.locator("thead")).toContainText("Previous period");
    await expect(card.locator("tbody tr", { hasText: "2011-06-09" }).locator("td").last()).toHaveText(
      "$4.00",
    );

    // The person's own previous period: only their days.
    await page.goto(`/users/${alice.username}?${WEEK}&compare=previous`);
    await expect(page.getByTestId("chart").first()).toHaveAttribute("data-previous", "true");
    const own = await overBar(page, 0, 1, 7);
    await page.mouse.move(own.x, own.y);
    await expect(page.getByTestId("chart-tooltip-previous")).toHaveText("Previous period$4.00 (+50%)");
  });

  test("dragging across the bars opens those days as the period", async ({ page }) => {
    await page.goto(`/users/${alice.username}?${WEEK}`);
    const start = await overBar(page, 0, 1, 7);
    const end = await overBar(page, 0, 3, 7);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, start.y, { steps: 4 });
    await page.mouse.move(end.x, end.y, { steps: 4 });
    await page.mouse.up();
    await expect(page).toHaveURL(/\?from=2011-06-09&to=2011-06-11&range=custom$/);
    await expect(page.getByTestId("period-label")).toHaveText("2011-06-09 to 2011-06-11 (3 days)");
    await expect(page.getByTestId("person-cost")).toHaveText("$6.00");
  });

  test("tokens charts can leave cache reads out", async ({ page }) => {
    await page.goto(`/users/${alice.username}?${WEEK}`);
    const card = page.getByRole("region", { name: "Tokens per day by type" });
    await expect(card.locator(".recharts-legend-item", { hasText: "Cache read" })).toHaveCount(1);
    await card.getByRole("link", { name: "Without cache reads" }).click();
    await expect(page).toHaveURL(/tokens=no-cache-reads/);
    await expect(card.locator(".recharts-legend-item", { hasText: "Input" })).toHaveCount(1);
    await expect(card.locator(".recharts-legend-item", { hasText: "Cache read" })).toHaveCount(0);
    await card.getByText("Data table").click();
    // 06-09: 1,000 input + 2,000 output + 3,000 cache write, without the 4,000 cache read.
    await expect(card.locator("thead")).not.toContainText("Cache read");

    // The models page's tokens per model: 6,000 of alice's 10,000 on 06-09 without cache reads.
    await page.goto(`/models?${WEEK}&tokens=no-cache-reads`);
    const models = page.getByRole("region", { name: "Tokens per day by model, without cache reads" });
    await models.getByText("Data table").click();
    await expect(models.locator("tbody tr", { hasText: "2011-06-09" })).toContainText("6,000");
  });

  test("a person has the same colour in every chart", async ({ page }) => {
    // First on the leaderboard's chart, second on Sonnet's page (after carol): the colour comes from the
    // name, not the place (it moves on only if carol's own colour is alice's).
    await page.goto(`/?${WEEK}`);
    const legend = page
      .getByTestId("chart")
      .first()
      .locator(".recharts-legend-item", { hasText: displayName(alice) })
      .locator("path");
    expect(await legend.evaluate((el) => getComputedStyle(el).fill)).toBe(
      rgb(chartColors([alice.username])[alice.username]),
    );
    await page.goto(`/models/claude-sonnet-4?${WEEK}`);
    const people = page.getByRole("list", { name: "Who uses it most" }).getByRole("listitem");
    await expect(people.first()).toContainText(displayName(carol));
    const bar = people.filter({ hasText: displayName(alice) }).locator("[aria-hidden] > div");
    expect(await bar.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      rgb(chartColors([carol.username, alice.username])[alice.username]),
    );
  });

  test("dates are typed as YYYY-MM-DD", async ({ page }) => {
    await page.goto("/");
    const form = page.getByRole("form", { name: "Custom period" });
    await expect(form.getByLabel("From")).toHaveAttribute("placeholder", "YYYY-MM-DD");
    await form.getByLabel("From").fill("2011-06-08");
    await form.getByLabel("To").fill("2011-06-14");
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("period-label")).toHaveText("2011-06-08 to 2011-06-14 (7 days)");
    await expect(page.getByTestId("team-cost")).toHaveText("$12.00");
  });

  test("auto-refresh re-reads the data on its interval without reloading the page", async ({
    page,
    request,
  }) => {
    await page.clock.install();
    await page.goto(`/users/${bob.username}?${WEEK}`);
    await expect(page.getByTestId("person-cost")).toHaveText("$1.00");
    await page.getByRole("navigation", { name: "Auto-refresh" }).getByRole("link", { name: "1m" }).click();
    await expect(page).toHaveURL(/refresh=1m/);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await uploadDays(request, bob, { "2011-06-13": { "claude-opus-4": [100, 2] } });
    await page.clock.runFor(30_000);
    await expect(page.getByTestId("person-cost")).toHaveText("$1.00");
    await page.clock.runFor(31_000);
    await expect(page.getByTestId("person-cost")).toHaveText("$3.00");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    const bad = await request.get(`/api/v1/leaderboard?refresh=2m`);
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toContain("refresh must be one of 1m, 5m, 15m");
  });
});
