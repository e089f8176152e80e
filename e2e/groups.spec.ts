import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { driverOf, takeMember } from "./accounts";
import { createGroup, uploadDays } from "./helpers";

// Signed in as the admin (the project's saved session). Usage in May 2014, which no other spec uses;
// groups get names no other test uses, so the shared database's other groups never matter.

const PERIOD = "from=2014-05-01&to=2014-05-10";
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${test.info().project.name}`;

test("an admin groups people; the picker narrows the leaderboard, the API agrees, and groups compare", async ({
  page,
  request,
}, info) => {
  const driver = driverOf(info);
  const [ann, bob, cat] = [takeMember(driver), takeMember(driver), takeMember(driver)];
  await uploadDays(request, ann, { "2014-05-02": { "claude-opus-4-1": [100, 1.5] } });
  await uploadDays(request, bob, { "2014-05-03": { "claude-sonnet-4-5": [50, 0.25] } });
  await uploadDays(request, cat, { "2014-05-04": { "claude-opus-4-1": [1000, 40] } });

  const name = unique("platform");
  await createGroup(page, name, "Platform crew");
  const group = page.getByTestId(`group-${name}`);
  await group.getByLabel("Add people").fill(`${ann.username}, ${bob.username}`);
  await group.getByRole("button", { name: "Add", exact: true }).click();
  await expect(
    group.getByText(`Added ${[ann.username, bob.username].sort().join(", ")} to ${name}.`),
  ).toBeVisible();
  await expect(group.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(2);
  // An unknown person is refused with nothing changed.
  await group.getByLabel("Add people").fill("nobody-by-this-name");
  await group.getByRole("button", { name: "Add", exact: true }).click();
  await expect(group.getByText('No user named "nobody-by-this-name".')).toBeVisible();
  await expect(group.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(2);

  // The picker keeps the period and narrows the page to the members.
  await page.goto(`/?${PERIOD}`);
  await expect(page.getByTestId(`leaderboard-row-${cat.username}`)).toBeVisible();
  await page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Platform crew" }).click();
  await expect(page).toHaveURL(new RegExp(`from=2014-05-01&to=2014-05-10.*group=${name}`));
  await expect(page.getByTestId("period-label")).toContainText(`group ${name} only`);
  await expect(page.getByTestId(`leaderboard-row-${ann.username}`)).toBeVisible();
  await expect(page.getByTestId(`leaderboard-row-${bob.username}`)).toBeVisible();
  await expect(page.getByTestId(`leaderboard-row-${cat.username}`)).toHaveCount(0);
  await expect(page.getByTestId("team-cost")).toContainText("$1.75");
  // Links to a person keep the group.
  await page.getByTestId(`leaderboard-row-${ann.username}`).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/users/${ann.username}\\?.*group=${name}`));

  // The API says the same.
  const board = await request.get(`/api/v1/leaderboard?${PERIOD}&group=${name}`);
  expect(board.status()).toBe(200);
  const body = await board.json();
  expect(body.group).toEqual({ name, displayName: "Platform crew" });
  expect(body.team).toMatchObject({ cost: 1.75, activePeople: 2, activePersonDays: 2 });
  expect(body.rows.map((r: { username: string }) => r.username)).toEqual([ann.username, bob.username]);
  const models = await (await request.get(`/api/v1/models?${PERIOD}&group=${name}`)).json();
  expect(models.totalCost).toBe(1.75);

  // An unknown group: a 422 naming the parameter, and the pages' invalid-query state.
  const unknown = await request.get(`/api/v1/leaderboard?${PERIOD}&group=no-such-group-${name}`);
  expect(unknown.status()).toBe(422);
  expect(await unknown.json()).toEqual({
    error: {
      code: "invalid",
      message: `Invalid parameters: group no group is named "no-such-group-${name}".`,
      details: { problems: [{ path: "group", message: `no group is named "no-such-group-${name}"` }] },
    },
  });
  await page.goto(`/?${PERIOD}&group=no-such-group-${name}`);
  await expect(page.getByText(`group no group is named "no-such-group-${name}"`)).toBeVisible();

  // The comparison: on the leaderboard without a group, and as JSON and CSV.
  await page.goto(`/?${PERIOD}`);
  const row = page.getByTestId(`group-row-${name}`);
  await expect(row.getByTestId("group-cost")).toHaveText("$1.75");
  await expect(row.getByTestId("group-people")).toHaveText("2");
  await row.getByRole("link", { name: "Platform crew" }).click();
  await expect(page).toHaveURL(new RegExp(`group=${name}`));
  const compared = await (await request.get(`/api/v1/groups?${PERIOD}`)).json();
  expect(compared.groups.find((g: { name: string }) => g.name === name)).toEqual({
    name,
    displayName: "Platform crew",
    members: 2,
    activePeople: 2,
    cost: 1.75,
    totalTokens: 1500,
    activePersonDays: 2,
    costPerActiveDay: 0.875,
  });
  const csv = await request.get(`/api/v1/groups?${PERIOD}&format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines[0]).toBe(
    "group,display_name,members,active_people,cost_usd,total_tokens,active_person_days,cost_per_active_day_usd",
  );
  expect(lines).toContain(`${name},Platform crew,2,2,1.75,1500,2,0.875`);

  // Removing someone narrows it again; deleting the group leaves the people.
  await page.goto("/settings/groups");
  await page.getByTestId(`remove-${name}-${bob.username}`).getByRole("button", { name: "Remove" }).click();
  await expect(group.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(1);
  const after = await (await request.get(`/api/v1/leaderboard?${PERIOD}&group=${name}`)).json();
  expect(after.team.cost).toBe(1.5);
  await group.getByLabel(`Type "${name}" to confirm`).fill(name);
  await group.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByTestId(`group-${name}`)).toHaveCount(0);
  expect((await request.get(`/api/v1/leaderboard?${PERIOD}&group=${name}`)).status()).toBe(422);
});

test("telemetry whose resource names a group puts its sender in that group, when the team turns it on", async ({
  page,
  request,
}, info) => {
  const member = takeMember(driverOf(info));
  const name = unique("tele");
  await createGroup(page, name, "");

  await page.goto("/settings/team");
  const team = page.getByTestId("team");
  await team.getByLabel("Group telemetry senders by resource attribute").fill("team.id");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText("Team settings saved.")).toBeVisible();

  try {
    // A real capture of Claude Code's logs export, with OTEL_RESOURCE_ATTRIBUTES="team.id=<NAME>" added
    // (upper case: group names are matched lowercased).
    const capture = JSON.parse(
      fs.readFileSync(path.resolve("test/fixtures/claude-code-otel/json-001-logs.json"), "utf8"),
    );
    capture.resourceLogs[0].resource.attributes.push({
      key: "team.id",
      value: { stringValue: name.toUpperCase() },
    });
    const headers = { Authorization: `Bearer ${member.key}`, "Content-Type": "application/json", Cookie: "" };
    const sent = await request.post("/api/otel/v1/logs", {
      headers,
      data: Buffer.from(JSON.stringify(capture)),
    });
    expect(sent.status()).toBe(200);
    // Metrics naming a group nobody made: counted, and no group is made.
    const now = BigInt(Date.now()) * 1_000_000n;
    const metrics = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: "team.id", value: { stringValue: `ghost-${name}` } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "claude_code.commit.count",
                  sum: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      {
                        startTimeUnixNano: String(now - 60_000_000_000n),
                        timeUnixNano: String(now),
                        asDouble: 2,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const counted = await request.post("/api/otel/v1/metrics", {
      headers,
      data: Buffer.from(JSON.stringify(metrics)),
    });
    expect(counted.status()).toBe(200);

    const board = await (await request.get(`/api/v1/leaderboard?range=all&group=${name}`)).json();
    expect(board.rows.map((r: { username: string }) => r.username)).toEqual([member.username]);
    expect(board.team.cost).toBeGreaterThan(0);
    // Existing groups only: the other name made no group.
    expect((await request.get(`/api/v1/leaderboard?range=all&group=ghost-${name}`)).status()).toBe(422);
    await page.goto("/settings/groups");
    await expect(
      page.getByTestId(`group-${name}`).getByRole("list", { name: "Members" }).getByRole("link"),
    ).toHaveText([member.username]);
    await page.goto(`/settings/audit?action=group.add`);
    await expect(page.getByTestId("audit")).toContainText(name);
  } finally {
    await page.goto("/settings/team");
    await team.getByLabel("Group telemetry senders by resource attribute").fill("");
    await team.getByRole("button", { name: "Save" }).click();
    await expect(team.getByText("Team settings saved.")).toBeVisible();
    // No group is left behind for the specs after this one (the picker shows once any group exists).
    await page.goto("/settings/groups");
    const group = page.getByTestId(`group-${name}`);
    await group.getByLabel(`Type "${name}" to confirm`).fill(name);
    await group.getByRole("button", { name: "Delete group" }).click();
    await expect(group).toHaveCount(0);
  }
});
