import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, driverOf, takeMember } from "./accounts";
import { callAction, createGroup, signIn, uploadDays } from "./helpers";

// Budgets count the server's current month, so these uploads are dated on its first day (in the team's
// timezone, as GET /api/v1/budgets says). Assertions are about this spec's own people; the team's
// budget is compared with the leaderboard's own "this month" figure, never with a fixed sum.

const SIGNED_OUT = { cookies: [], origins: [] };

interface BudgetJson {
  month: string;
  from: string;
  to: string;
  daysInMonth: number;
  budgets: {
    scope: string;
    user: { username: string } | null;
    monthlyUsd: number;
    thresholds: number[];
    spendUsd: number;
    percent: number;
    forecastUsd: number;
    alertsRaised: { thresholds: number[]; forecast: boolean };
    path: string;
  }[];
}

async function budgets(request: APIRequestContext, key?: string): Promise<BudgetJson> {
  const get = () =>
    request.get("/api/v1/budgets", { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  // A kept-alive connection idle for the server's 5 s may be closed just as it is reused: ask again.
  const response = await get().catch((error: Error) => {
    if (!/ECONNRESET/.test(error.message)) throw error;
    return get();
  });
  expect(response.status()).toBe(200);
  return response.json();
}

const dayNumber = (date: string) => Number(date.slice(8, 10));

test("an admin sets a person's budget: bars on the settings and person pages, the API, alerts once", async ({
  page,
  playwright,
}, info) => {
  const request = page.request; // the admin's session
  const driver = driverOf(info);
  const member = takeMember(driver);
  const { from, to, daysInMonth } = await budgets(request);
  await uploadDays(request, member, { [from]: { "claude-sonnet-4-5": [1000, 30] } }, "budget-laptop");

  await page.goto("/settings/budgets");
  const form = page.getByTestId("user-budget");
  await form.getByLabel("Username").fill(`nobody-${member.username}`);
  await form.getByLabel("Monthly budget (USD)").fill("40");
  await form.getByLabel("Alert at (% of the budget)").fill("50,100");
  await form.getByRole("button", { name: "Set the person's budget" }).click();
  await expect(form.getByText(`No user named "nobody-${member.username}".`)).toBeVisible();
  await form.getByLabel("Username").fill(member.username);
  await form.getByLabel("Monthly budget (USD)").fill("40.001");
  await form.getByRole("button", { name: "Set the person's budget" }).click();
  await expect(form.getByText("cents at most")).toBeVisible();
  await form.getByLabel("Monthly budget (USD)").fill("40");
  await form.getByRole("button", { name: "Set the person's budget" }).click();
  await expect(form.getByTestId("form-success")).toHaveText(
    `${member.username}'s budget is $40.00 a month, alerts at 50, 100%.`,
  );

  const bar = page.getByTestId(`budget-user-${member.username}`);
  await expect(bar.getByTestId("budget-spend")).toHaveText("$30.00 of $40.00 (75%)");
  await expect(bar.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "75");

  // The person page shows the same bar, whatever period it shows.
  await page.goto(`/users/${member.username}?range=7d`);
  const personBar = page.getByTestId(`budget-user-${member.username}`);
  await expect(personBar.getByTestId("budget-spend")).toHaveText("$30.00 of $40.00 (75%)");
  const forecast = (30 / (dayNumber(to) - dayNumber(from) + 1)) * daysInMonth;
  await expect(personBar.getByTestId("budget-forecast")).toContainText(
    `Forecast $${forecast.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  );

  // Read with the member's own key: the 50% alert was raised once the action had answered.
  const mine = async () =>
    (await budgets(request, member.key)).budgets.find((b) => b.user?.username === member.username)!;
  expect(await mine()).toMatchObject({
    scope: "user",
    monthlyUsd: 40,
    thresholds: [50, 100],
    spendUsd: 30,
    percent: 75,
    path: `/users/${member.username}?range=this-month`,
  });
  await expect.poll(async () => (await mine()).alertsRaised.thresholds).toEqual([50]);
  // An upload past the budget raises 100% (after its response), and 50% is not raised again.
  await uploadDays(request, member, { [from]: { "claude-sonnet-4-5": [1000, 15] } }, "budget-desktop");
  await expect.poll(async () => (await mine()).alertsRaised.thresholds).toEqual([50, 100]);
  expect((await mine()).spendUsd).toBe(45);

  // The API's errors, in the one error shape: no session and a key that is not valid get a 401.
  const anonymous = await playwright.request.newContext({
    baseURL: info.project.use.baseURL,
    storageState: SIGNED_OUT,
  });
  const bad = await anonymous.get("/api/v1/budgets", {
    headers: { Authorization: `Bearer ccs_${"a".repeat(43)}` },
  });
  expect(bad.status()).toBe(401);
  expect((await bad.json()).error.code).toBe("unauthorized");
  await anonymous.dispose();
  const post = await request.post("/api/v1/budgets");
  expect(post.status()).toBe(405);
  expect(post.headers()["allow"]).toBe("GET");

  // Deleted from the list of all budgets, after a confirmation.
  await page.goto("/settings/budgets");
  const item = page
    .getByTestId("all-budgets")
    .locator("li", { has: page.getByTestId(`budget-user-${member.username}`) });
  await item.getByRole("button", { name: /^Delete / }).click();
  await item.getByRole("button", { name: "Delete it" }).click();
  await expect(page.getByTestId(`budget-user-${member.username}`)).toHaveCount(0);
  expect((await budgets(request)).budgets.some((b) => b.user?.username === member.username)).toBe(false);
});

test("the team budget's bar on the leaderboard shows the leaderboard's own month cost", async ({ page }) => {
  await page.goto("/settings/budgets");
  const form = page.getByTestId("team-budget");
  // Far above anything the tests spend, with one threshold: no alert is raised.
  await form.getByLabel("Monthly budget (USD)").fill("1000000");
  await form.getByLabel("Alert at (% of the budget)").fill("100");
  await form.getByRole("button", { name: /the team budget$/ }).click();
  await expect(form.getByTestId("form-success")).toHaveText(
    "The team's budget is $1,000,000.00 a month, alerts at 100%.",
  );
  try {
    await page.goto("/?range=this-month");
    const cost = await page.getByTestId("team-cost").textContent();
    await expect(page.getByTestId("budget-team").getByTestId("budget-spend")).toHaveText(
      new RegExp(`^${cost!.replace(/[$.]/g, "\\$&")} of \\$1,000,000\\.00 \\(\\d+%\\)$`),
    );
  } finally {
    await page.goto("/settings/budgets");
    const team = page.getByTestId("all-budgets").locator("li", { has: page.getByTestId("budget-team") });
    await team.getByRole("button", { name: "Delete team budget" }).click();
    await team.getByRole("button", { name: "Delete it" }).click();
    await expect(page.getByTestId("budget-team")).toHaveCount(0);
  }
});

test("a member sets and deletes their own budget, and no one else's", async ({ browser, baseURL }, info) => {
  const signer = accounts(driverOf(info)).signers[0];
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signIn(page, signer.username, signer.password);
  await page.goto("/settings/budgets");
  // Members see their own budget only: no list of all budgets, no team, group or person forms.
  await expect(page.getByTestId("all-budgets")).toHaveCount(0);
  await expect(page.getByTestId("team-budget")).toHaveCount(0);
  await expect(page.getByTestId("user-budget")).toHaveCount(0);

  const form = page.getByTestId("own-budget");
  await form.getByLabel("Monthly budget (USD)").fill("0");
  await form.getByLabel("Alert at (% of the budget)").fill("80,50");
  await form.getByRole("button", { name: "Set your budget" }).click();
  await expect(form.getByText("must be more than $0")).toBeVisible();
  await expect(form.getByText("must be in ascending order without repeats")).toBeVisible();
  await form.getByLabel("Monthly budget (USD)").fill("5000");
  await form.getByLabel("Alert at (% of the budget)").fill("90");
  await form.getByRole("button", { name: "Set your budget" }).click();
  await expect(form.getByTestId("form-success")).toHaveText(
    `${signer.username}'s budget is $5,000.00 a month, alerts at 90%.`,
  );
  await expect(page.getByRole("progressbar", { name: /^Your budget: / })).toBeVisible();

  // Their person page's bar counts what the page itself shows for this month.
  await page.goto(`/users/${signer.username}?range=this-month`);
  const cost = await page.getByTestId("person-cost").textContent();
  await expect(page.getByTestId(`budget-user-${signer.username}`).getByTestId("budget-spend")).toHaveText(
    new RegExp(`^${cost!.replace(/[$.]/g, "\\$&")} of \\$5,000\\.00`),
  );

  // The actions themselves refuse another person's budget and the team's, whatever the page offers.
  for (const args of [
    { scope: "user", target: accounts(driverOf(info)).signers[1].username, monthly: "1" },
    { scope: "team", monthly: "1" },
    { scope: "group", target: "any", monthly: "1" },
  ]) {
    const refused = await callAction(page.request, baseURL!, "saveBudget", args);
    expect(refused.body).toContain("Members may set and delete only their own personal budget.");
  }
  const removeTeam = await callAction(page.request, baseURL!, "removeBudget", { scope: "team" });
  expect(removeTeam.body).toContain("Members may set and delete only their own personal budget.");

  await page.goto("/settings/budgets");
  await page.getByRole("button", { name: "Delete your budget" }).click();
  await page.getByRole("button", { name: "Delete it" }).click();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Set your budget" })).toBeVisible();
  await context.close();
});

test("a group's budget is its members' month cost, shown on the leaderboard narrowed to the group", async ({
  page,
}, info) => {
  const driver = driverOf(info);
  const [inGroup, outside] = [takeMember(driver), takeMember(driver)];
  const { from } = await budgets(page.request);
  await uploadDays(page.request, inGroup, { [from]: { "claude-sonnet-4-5": [1000, 12] } }, "group-budget");
  await uploadDays(page.request, outside, { [from]: { "claude-sonnet-4-5": [1000, 50] } }, "group-budget");
  const name = `budgeted-${Date.now().toString(36)}-${info.project.name}`;
  await createGroup(page, name, "Budgeted crew");
  const group = page.getByTestId(`group-${name}`);
  await group.getByLabel("Add people").fill(inGroup.username);
  await group.getByRole("button", { name: "Add", exact: true }).click();
  await expect(group.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(1);

  await page.goto("/settings/budgets");
  const form = page.getByTestId("group-budget");
  await form.getByLabel("Group").selectOption(name);
  await form.getByLabel("Monthly budget (USD)").fill("1000000");
  await form.getByLabel("Alert at (% of the budget)").fill("100");
  await form.getByRole("button", { name: "Set the group's budget" }).click();
  await expect(form.getByTestId("form-success")).toBeVisible();

  // Narrowed to the group, the leaderboard's bar is the group's budget against the group's own cost.
  await page.goto(`/?range=this-month&group=${name}`);
  const cost = await page.getByTestId("team-cost").textContent();
  const bar = page.getByRole("progressbar", { name: /^Group Budgeted crew budget/ });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId("budget-spend").first()).toHaveText(
    new RegExp(`^${cost!.replace(/[$.]/g, "\\$&")} of \\$1,000,000\\.00 \\(\\d+%\\)$`),
  );
  await expect(page.getByRole("progressbar", { name: /^Team budget/ })).toHaveCount(0);
  const json = await budgets(page.request);
  const mine = json.budgets.find((b) => b.scope === "group" && b.path.includes(name))!;
  expect(mine.spendUsd).toBeCloseTo(Number(cost!.replace(/[$,]/g, "")), 2);

  // Deleting the group deletes its budget.
  await page.goto("/settings/groups");
  await group.getByLabel(`Type "${name}" to confirm`).fill(name);
  await group.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByTestId(`group-${name}`)).toHaveCount(0);
  expect((await budgets(page.request)).budgets.some((b) => b.path.includes(name))).toBe(false);
});
