import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { addDays } from "../lib/dates";
import { dailyReport } from "../lib/seed/reports";
import { driverOf, takeMember, type Member } from "./accounts";

// Signed in as the admin (the project's saved session). Where costs come from: ccusage's $0 for a model
// it could not price is priced from the table and marked; a model nobody knows stays unpriced until an
// admin sets a price, which counts from its day on and not before.

const V15 = JSON.parse(fs.readFileSync("test/fixtures/ccusage/v15.5.2/daily.json", "utf8"));

async function upload(request: APIRequestContext, member: Member, report: unknown) {
  const response = await request.post("/api/v1/usage", {
    headers: { Authorization: `Bearer ${member.key}`, "Content-Type": "application/json", Cookie: "" },
    data: Buffer.from(JSON.stringify(report)),
  });
  expect(response.status()).toBe(200);
  return response.json();
}

async function usage(request: APIRequestContext, member: Member, query: string) {
  const response = await request.get(`/api/v1/users/${member.username}/usage?${query}`);
  expect(response.status()).toBe(200);
  return response.json();
}

test("ccusage's $0 for a known model is priced from the table and marked as such", async ({
  page,
  request,
}, info) => {
  const member = takeMember(driverOf(info));
  const result = await upload(request, member, V15);
  expect(result.warnings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: "priced_from_table", models: ["claude-opus-4-1-20250805"] }),
    ]),
  );
  const period = "from=2025-09-29&to=2025-10-01";
  const body = await usage(request, member, period);
  const opus = body.models.find((m: { model: string }) => m.model === "claude-opus-4-1-20250805");
  // Claude Opus 4.1 at $15 / $75 / $18.75 (cache write) / $1.50 (cache read) per million tokens.
  expect(opus).toMatchObject({ name: "Claude Opus 4.1", costSource: "prices", unpricedTokens: 0 });
  expect(opus.cost).toBeCloseTo(0.9764895, 9);
  expect(opus.pricedCost).toBeCloseTo(0.9764895, 9);
  expect(opus.listCost).toBeCloseTo(0.9764895, 9);
  expect(body.totals.cost).toBeCloseTo(0.4506513 + 0.9764895, 9);
  expect(body.totals.cacheSavings).toBeGreaterThan(0);

  await page.goto(`/users/${member.username}?${period}`);
  await expect(page.getByTestId("person-cost")).toHaveText("$1.43");
  const models = page.getByTestId("person-models");
  const row = models.getByRole("row", { name: /Claude Opus 4\.1/ });
  await expect(row.getByRole("rowheader")).toHaveAttribute("title", "claude-opus-4-1-20250805");
  await expect(row.getByTestId("cost")).toHaveText("$0.98");
  await expect(row.locator("[data-cost-source=prices]")).toHaveAttribute(
    "title",
    /list price from the price table/,
  );
  await expect(row.locator("sup")).toHaveText("list");

  const csv = await request.get(`/api/v1/users/${member.username}/usage?${period}&format=csv`);
  const [header, ...lines] = (await csv.text()).trim().split("\r\n");
  expect(header).toContain(
    "priced_cost_usd,unpriced_tokens,cache_savings_usd,list_cost_usd,cost_source,model_name",
  );
  expect(lines.find((l) => l.startsWith("2025-09-29,claude-opus-4-1-20250805,"))).toMatch(
    /,prices,Claude Opus 4\.1$/,
  );
});

test("a model nobody prices shows as unpriced until an admin sets a price from a day on", async ({
  page,
  request,
}, info) => {
  const member = takeMember(driverOf(info));
  const model = `acme-e2e-${driverOf(info)}-${Date.now().toString(36)}`;
  const today = new Date().toISOString().slice(0, 10);
  const [before, after] = [addDays(today, -3), addDays(today, -1)];
  const result = await upload(
    request,
    member,
    dailyReport({ [before]: { [model]: [1000, 0] }, [after]: { [model]: [2000, 0] } }),
  );
  expect(result.warnings).toEqual(
    expect.arrayContaining([expect.objectContaining({ code: "unpriced_models", models: [model] })]),
  );
  // dailyReport's 1000 tokens: input 1000, output 2000, cache write 3000, cache read 4000.
  const period = `from=${before}&to=${after}`;
  const unpriced = await usage(request, member, period);
  expect(unpriced.totals).toMatchObject({ cost: 0, unpricedTokens: 30_000 });
  expect(unpriced.models[0]).toMatchObject({ model, name: model, costSource: "unpriced" });

  await page.goto(`/users/${member.username}?${period}`);
  await expect(page.getByTestId("person-cost")).toHaveText("Unpriced");
  await expect(page.getByTestId("person-models").getByTestId("cost")).toHaveText("Unpriced");
  const board = await (await request.get(`/api/v1/leaderboard?${period}&limit=1000`)).json();
  expect(board.team.unpricedTokens).toBeGreaterThanOrEqual(30_000);

  await page.goto("/settings/prices");
  await expect(
    page.getByTestId("unpriced-models").getByRole("row", { name: new RegExp(model) }),
  ).toContainText("30,000");
  const form = page.getByTestId("set-price");
  await form.getByLabel("Model").selectOption(model);
  await form.getByLabel("From").fill(after);
  await form.getByLabel("Input").fill("abc");
  await form.getByRole("button", { name: "Set price" }).click();
  await expect(form.getByText("must be a number")).toBeVisible();
  await form.getByLabel("Input").fill("10");
  await form.getByLabel("Output").fill("20");
  await form.getByRole("button", { name: "Set price" }).click();
  await expect(form.getByTestId("form-success")).toContainText("1 person's days were re-priced");
  await expect(page.getByTestId(`price-${model}`).getByTestId("price-current")).toContainText(
    "$10 in / $20 out · cache $1 read, $12.5 write (5 min), $20 (1 h)",
  );

  // From its day on, list price: 2000 × 10 + 4000 × 20 + 6000 × 12.5 + 8000 × 1 per million; the day
  // before stays unpriced.
  const priced = await usage(request, member, period);
  const day = (date: string) => priced.days.find((d: { date: string }) => d.date === date);
  expect(day(before)).toMatchObject({ cost: 0, unpricedTokens: 10_000 });
  expect(day(after)).toMatchObject({ unpricedTokens: 0 });
  expect(day(after).cost).toBeCloseTo(0.183, 9);
  expect(day(after).listCost).toBeCloseTo(0.183, 9);
  expect(day(before).listCost).toBe(0);
  expect(priced.models[0]).toMatchObject({ costSource: "mixed", unpricedTokens: 10_000 });
  await page.goto(`/users/${member.username}?${period}`);
  await expect(page.getByTestId("person-cost")).toHaveText("$0.18");
  await expect(page.getByTestId("person-cost-unpriced")).toHaveText("+ 10K tokens unpriced");

  // The audit log says who changed which price.
  await page.goto("/settings/audit");
  await expect(page.getByText("price.override").first()).toBeVisible();
});
