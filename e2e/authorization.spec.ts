import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { dailyReport } from "../lib/seed/reports";
import { accounts, adminStateFile, driverOf } from "./accounts";
import { callAction, signIn } from "./helpers";

// Who may do what, over HTTP: anonymous, a member, another member and an admin against every page,
// read endpoint, upload option and server action, with the dashboard private (the default) and public.

type Role = "anonymous" | "member" | "other" | "admin";
const ROLES: Role[] = ["anonymous", "member", "other", "admin"];

test.describe.serial("authorization matrix", () => {
  const contexts = {} as Record<Role, APIRequestContext>;
  let baseURL: string;
  let driver: string;

  test.beforeAll(async ({ browser }, info) => {
    driver = driverOf(info);
    baseURL = String(info.project.use.baseURL);
    const { signers } = accounts(driver);
    const stateFor = async (index: number) => {
      const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await signIn(page, signers[index].username, signers[index].password);
      const state = await context.storageState();
      await context.close();
      return state;
    };
    contexts.anonymous = await playwrightRequest.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    contexts.member = await playwrightRequest.newContext({ baseURL, storageState: await stateFor(0) });
    contexts.other = await playwrightRequest.newContext({ baseURL, storageState: await stateFor(1) });
    contexts.admin = await playwrightRequest.newContext({ baseURL, storageState: adminStateFile(driver) });
    // Some usage for every page to show: the member on a model only this suite uses.
    const upload = await contexts.anonymous.post("/api/v1/usage", {
      headers: { Authorization: `Bearer ${signers[0].key}`, "Content-Type": "application/json" },
      data: Buffer.from(JSON.stringify(dailyReport({ "2004-02-02": { "claude-authz-model": [10, 0.1] } }))),
    });
    expect(upload.status()).toBe(200);
  });

  test.afterAll(async () => {
    await callAction(contexts.admin, baseURL, "adminSaveTeam", {
      teamName: "Our team",
      timezone: "UTC",
      visibility: "private",
      uploadMaxMegabytes: "",
      uploadRatePerMinute: "",
    });
    for (const context of Object.values(contexts)) await context.dispose();
  });

  /** GET without following redirects: 200, 307 (to sign-in), 403 or 404. */
  async function status(role: Role, path: string) {
    const response = await contexts[role].get(path, { maxRedirects: 0 });
    const location = response.headers()["location"] ?? "";
    return response.status() === 307 && location.includes("/signin") ? "signin" : response.status();
  }

  async function expectMatrix(rows: [path: string, expected: Record<Role, number | "signin">][]) {
    for (const [path, expected] of rows) {
      const actual = Object.fromEntries(
        await Promise.all(ROLES.map(async (role) => [role, await status(role, path)])),
      );
      expect(actual, path).toEqual(expected);
    }
  }

  const member = () => accounts(driver).signers[0];
  const all = (anonymous: number | "signin", others: number) => ({
    anonymous,
    member: others,
    other: others,
    admin: others,
  });
  const adminOnly = { anonymous: "signin" as const, member: 403, other: 403, admin: 200 };

  test("pages and read endpoints on a private dashboard", async () => {
    await expectMatrix([
      ["/", all("signin", 200)],
      ["/models", all("signin", 200)],
      ["/models/claude-authz-model", all("signin", 200)],
      [`/users/${member().username}`, all("signin", 200)],
      ["/upload", all("signin", 200)],
      ["/settings", all("signin", 200)],
      ["/settings/keys", all("signin", 200)],
      ["/settings/machines", all("signin", 200)],
      ["/settings/my-data", all("signin", 200)],
      ["/settings/users", adminOnly],
      ["/settings/all-keys", adminOnly],
      ["/settings/team", adminOnly],
      ["/settings/prices", adminOnly],
      ["/settings/alerts", adminOnly],
      ["/settings/audit", adminOnly],
      ["/adoption", all("signin", 200)],
      ["/settings/telemetry", all("signin", 200)],
      ["/settings/telemetry-admin", adminOnly],
      ["/settings/groups", adminOnly],
      ["/api/v1/adoption", all(401, 200)],
      ["/api/v1/groups", all(401, 200)],
      ["/api/v1/leaderboard", all(401, 200)],
      ["/api/v1/models", all(401, 200)],
      ["/api/v1/models/claude-authz-model", all(401, 200)],
      [`/api/v1/users/${member().username}/usage`, all(401, 200)],
      ["/api/v1/me/export", all(401, 200)],
      ["/api/v1/export", { anonymous: 401, member: 403, other: 403, admin: 200 }],
    ]);
    // A valid key reads too (scripts); a revoked one does not.
    const { revokedKey } = accounts(driver);
    expect(
      (
        await contexts.anonymous.get("/api/v1/leaderboard", {
          headers: { Authorization: `Bearer ${member().key}` },
        })
      ).status(),
    ).toBe(200);
    expect(
      (
        await contexts.anonymous.get("/api/v1/leaderboard", {
          headers: { Authorization: `Bearer ${revokedKey}` },
        })
      ).status(),
    ).toBe(401);
  });

  test("admin actions refuse anonymous callers and members; member actions refuse anonymous callers", async () => {
    const adminActions: [string, unknown][] = [
      ["adminCreateUser", { username: `authz-${driver}-x`, displayName: "", email: "", role: "admin" }],
      ["adminSetRole", { username: member().username, role: "admin" }],
      ["adminResetPassword", { username: member().username }],
      ["adminSetDisabled", { username: member().username, disabled: true }],
      ["adminDeleteUser", { username: member().username, confirm: member().username }],
      ["adminRevokeKey", { id: 1 }],
      ["adminCreateTeamKey", { name: "authz" }],
      ["adminLinkTelemetryEmail", { email: "someone@example.com", username: member().username }],
      ["adminSetPrice", { priceKey: "claude-authz-model", from: "2004-01-01", input: "1", output: "2" }],
      ["adminEndPrice", { priceKey: "claude-authz-model", from: "2004-01-01" }],
      ["adminRemovePrice", { priceKey: "claude-authz-model", from: "2004-01-01" }],
      ["adminSetCostMode", { costMode: "list" }],
      ["adminCreateGroup", { name: `authz-${driver}`, displayName: "" }],
      ["adminAddToGroup", { group: `authz-${driver}`, usernames: member().username }],
      ["adminRemoveFromGroup", { group: `authz-${driver}`, username: member().username }],
      ["adminDeleteGroup", { group: `authz-${driver}`, confirm: `authz-${driver}` }],
      ["adminAddWebhook", { url: "http://127.0.0.1:9/authz", format: "json", secret: "", digest: false }],
      ["adminDeleteWebhook", { id: 1 }],
      ["adminTestWebhook", { id: 1 }],
      [
        "adminSaveTeam",
        {
          teamName: "Hacked",
          timezone: "UTC",
          visibility: "public",
          uploadMaxMegabytes: "",
          uploadRatePerMinute: "0",
        },
      ],
    ];
    for (const [name, args] of adminActions) {
      expect((await callAction(contexts.anonymous, baseURL, name, args)).body, name).toContain(
        '"code":"unauthorized"',
      );
      expect((await callAction(contexts.member, baseURL, name, args)).body, name).toContain(
        '"code":"forbidden"',
      );
    }
    const memberActions: [string, unknown][] = [
      ["createOwnKey", { name: "x", expires: "" }],
      ["revokeOwnKey", { id: 1 }],
      ["saveProfile", { displayName: "x", hidden: true }],
      ["changePassword", { current: "x", next: "y".repeat(12), confirm: "y".repeat(12) }],
      ["renameOwnMachine", { from: "default", to: "x" }],
      ["deleteOwnMachine", { name: "default", confirm: "default" }],
      ["deleteOwnUsage", { from: "2000-01-01", to: "2030-01-01", confirm: "x" }],
      ["deleteAccount", { password: "x", confirm: "x" }],
    ];
    for (const [name, args] of memberActions) {
      expect((await callAction(contexts.anonymous, baseURL, name, args)).body, name).toContain(
        '"code":"unauthorized"',
      );
    }
    // The upload page's endpoint takes a session only from this site's own pages.
    const data = Buffer.from(JSON.stringify(dailyReport({})));
    const json = { "Content-Type": "application/json" };
    const report = { data, headers: json };
    expect((await contexts.anonymous.post("/api/v1/usage?dryRun=1", report)).status()).toBe(401);
    const foreign = { data, headers: { ...json, Origin: "https://evil.example" } };
    expect((await contexts.member.post("/api/v1/usage?dryRun=1", foreign)).status()).toBe(401);
    const own = { data, headers: { ...json, Origin: baseURL } };
    expect((await contexts.member.post("/api/v1/usage?dryRun=1", own)).status()).toBe(200);
    // Nothing changed: the member is still a member who can sign in, and the team is still private.
    expect(await status("member", "/settings/users")).toBe(403);
    expect(await status("anonymous", "/")).toBe("signin");
  });

  test("a member cannot touch another member's keys or act for them", async () => {
    const { signers } = accounts(driver);
    // The other member's key ids are not the member's: revoking one is "not found", and it keeps working.
    const page = await contexts.other.get("/settings/keys");
    const otherKeyId = Number(/data-testid="key-(\d+)"/.exec(await page.text())![1]);
    const revoke = await callAction(contexts.member, baseURL, "revokeOwnKey", { id: otherKeyId });
    expect(revoke.body).toContain('"code":"not_found"');
    expect(
      (
        await contexts.anonymous.get("/api/v1/models", {
          headers: { Authorization: `Bearer ${signers[1].key}` },
        })
      ).status(),
    ).toBe(200);
    // Uploading for someone else needs an admin key.
    const asOther = await contexts.anonymous.post(`/api/v1/usage?user=${signers[1].username}`, {
      headers: { Authorization: `Bearer ${signers[0].key}`, "Content-Type": "application/json" },
      data: Buffer.from(JSON.stringify(dailyReport({}))),
    });
    expect(asOther.status()).toBe(403);
  });

  test("a public dashboard is readable by anyone; settings stay private; hidden people stay hidden", async () => {
    const saved = await callAction(contexts.admin, baseURL, "adminSaveTeam", {
      teamName: "Our team",
      timezone: "UTC",
      visibility: "public",
      uploadMaxMegabytes: "",
      uploadRatePerMinute: "",
    });
    expect(saved.body).toContain('"ok":true');
    await expectMatrix([
      ["/", all(200, 200)],
      ["/models", all(200, 200)],
      [`/users/${member().username}`, all(200, 200)],
      ["/api/v1/leaderboard", all(200, 200)],
      ["/api/v1/groups", all(200, 200)],
      [`/api/v1/users/${member().username}/usage`, all(200, 200)],
      ["/upload", all("signin", 200)],
      ["/settings", all("signin", 200)],
      ["/settings/team", adminOnly],
    ]);
    // The member hides themselves: only they and admins can still see their page.
    expect(
      (await callAction(contexts.member, baseURL, "saveProfile", { displayName: "Mia", hidden: true })).body,
    ).toContain('"ok":true');
    await expectMatrix([
      [`/users/${member().username}`, { anonymous: 404, member: 200, other: 404, admin: 200 }],
      [`/api/v1/users/${member().username}/usage`, { anonymous: 404, member: 200, other: 404, admin: 200 }],
    ]);
    const board = await (
      await contexts.anonymous.get("/api/v1/leaderboard?from=2004-02-01&to=2004-02-03")
    ).json();
    expect(board.rows).toEqual([]); // off the leaderboard...
    expect(board.team.cost).toBe(0.1); // ...but still counted in the team's totals
    await callAction(contexts.member, baseURL, "saveProfile", { displayName: "Mia", hidden: false });
  });
});
