import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, driverOf, takeMember } from "./accounts";
import { callAction, serverLog, serverLogLength, signIn, signOutEndsCopy } from "./helpers";

// Regressions from the security review around signing in, sessions and actions, over HTTP on both
// databases. Tests that send many failures pretend to be a client of their own (X-Forwarded-For), so the
// per-client limits they trip never reach the other tests' 127.0.0.1.

const EMPTY = { cookies: [], origins: [] };
let client = 0;
/** A client address no other test uses (documentation range 198.51.100.0/24). */
const newClient = () => ({ "X-Forwarded-For": `198.51.100.${++client + (process.pid % 100)}` });

test.describe("sign-in and sessions", () => {
  let anonymous: APIRequestContext;
  let baseURL: string;

  test.beforeAll(async ({ playwright }, info) => {
    baseURL = String(info.project.use.baseURL);
    anonymous = await playwright.request.newContext({ baseURL, storageState: EMPTY });
  });
  test.afterAll(() => anonymous.dispose());

  const signInAction = (username: string, password: string, headers: Record<string, string>) =>
    callAction(anonymous, baseURL, "signInWithPassword", { username, password }, headers);

  test("oversized sign-ins and actions are refused before anything reads them", async () => {
    const huge = await signInAction("admin", "x".repeat(1_000_000), newClient());
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error).toMatchObject({ code: "payload_too_large" });
    // next-auth's own sign-in endpoint takes the same limit.
    const { csrfToken } = await (await anonymous.get("/api/auth/csrf")).json();
    const callback = await anonymous.post("/api/auth/callback/credentials", {
      form: { csrfToken, username: "admin", password: "x".repeat(1_000_000) },
      headers: newClient(),
      maxRedirects: 0,
    });
    expect(callback.status()).toBe(413);
    // Under the body limit, a password longer than any that can be set is simply wrong.
    expect((await signInAction("admin", "x".repeat(50_000), newClient())).body).toContain(
      "Wrong username or password.",
    );
  });

  test("a parallel burst of guesses after the limit checks nothing more", async () => {
    const name = `burst-${randomBytes(4).toString("hex")}`;
    const headers = newClient();
    for (let i = 0; i < 4; i++) {
      expect((await signInAction(name, `wrong ${i}`, headers)).body).toContain("Wrong username or password.");
    }
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInAction(name, `guess ${i}`, headers)),
    );
    // One more guess was checked (the fifth); every other one was refused without a look, for the name
    // or for the client.
    expect(burst.filter((r) => r.body.includes("Wrong username or password."))).toHaveLength(1);
    expect(burst.filter((r) => r.body.includes('"code":"rate_limited"'))).toHaveLength(39);
  });

  test("one client trying many names is held back, and other clients are not", async () => {
    const headers = newClient();
    const names = Array.from({ length: 20 }, (_, i) => `random-${randomBytes(3).toString("hex")}-${i}`);
    for (const name of names) {
      expect((await signInAction(name, "whatever", headers)).body).toContain("Wrong username or password.");
    }
    expect((await signInAction("one-more-name", "whatever", headers)).body).toContain(
      "Too many failed sign-ins from your network",
    );
    expect((await signInAction("one-more-name", "whatever", newClient())).body).toContain(
      "Wrong username or password.",
    );
  });

  test("one client sending keys that are not valid is held back, and other clients are not", async ({}, info) => {
    const headers = newClient();
    const member = takeMember(driverOf(info));
    const get = (key: string, from = headers) =>
      anonymous.get("/api/v1/leaderboard", { headers: { ...from, Authorization: `Bearer ${key}` } });
    const guesses: number[] = [];
    for (let i = 0; i < 60; i++)
      guesses.push((await get(`ccs_${randomBytes(32).toString("base64url")}`)).status());
    expect(new Set(guesses)).toEqual(new Set([401]));
    const held = await get(`ccs_${randomBytes(32).toString("base64url")}`);
    expect(held.status()).toBe(429);
    expect(Number(held.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await held.json()).error.code).toBe("rate_limited");
    expect((await get(member.key, newClient())).status()).toBe(200);
  });

  test("signing out ends the session everywhere, copies of its cookie included", async ({
    browser,
    playwright,
  }, info) => {
    const signer = accounts(driverOf(info)).signers[1];
    const context = await browser.newContext({ baseURL, storageState: EMPTY });
    const page = await context.newPage();
    await signIn(page, signer.username, signer.password);
    const copy = await playwright.request.newContext({ baseURL, storageState: await context.storageState() });
    expect((await copy.get("/settings", { maxRedirects: 0 })).status()).toBe(200);

    await signOutEndsCopy(page, copy);
    await copy.dispose();
    await context.close();
  });

  test("a one-time password allows choosing a password and nothing else", async ({
    browser,
    playwright,
    request,
  }) => {
    const username = `otp-${randomBytes(4).toString("hex")}`;
    const created = await callAction(request, baseURL, "adminCreateUser", {
      username,
      displayName: "",
      email: "",
      role: "member",
    });
    const oneTime = /"password":"([^"]+)"/.exec(created.body)![1];
    const context = await browser.newContext({ baseURL, storageState: EMPTY });
    const page = await context.newPage();
    await signIn(page, username, oneTime);
    const session = await playwright.request.newContext({
      baseURL,
      storageState: await context.storageState(),
    });
    const key = { name: "laptop", expires: "" };
    expect((await callAction(session, baseURL, "createOwnKey", key)).body).toContain('"code":"forbidden"');
    expect(
      (await callAction(session, baseURL, "saveProfile", { displayName: "x", hidden: true })).body,
    ).toContain('"code":"forbidden"');
    const chosen = "my own long password";
    const changed = await callAction(session, baseURL, "changePassword", {
      current: oneTime,
      next: chosen,
      confirm: chosen,
    });
    expect(changed.body).toContain('"ok":true');
    expect((await callAction(session, baseURL, "createOwnKey", key)).body).toContain('"ok":true');
    await session.dispose();
    await context.close();
  });

  test("actions from another site or with an oversized body get 403 and 413 in the error shape", async ({
    request,
  }) => {
    const foreign = await callAction(
      request,
      baseURL,
      "saveProfile",
      { displayName: "x", hidden: false },
      {
        Origin: "https://evil.example",
      },
    );
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe("forbidden");
    const large = await callAction(request, baseURL, "saveProfile", {
      displayName: "x".repeat(100_000),
      hidden: false,
    });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body).error.code).toBe("payload_too_large");
  });

  test("a wrong password is one line in the server log, with no stack trace", async ({}, info) => {
    const driver = driverOf(info);
    const before = serverLogLength(driver);
    expect((await signInAction(`nobody-${client}`, "wrong password", newClient())).body).toContain(
      "Wrong username or password.",
    );
    await expect.poll(() => serverLog(driver, before)).toContain("[auth]");
    const lines = serverLog(driver, before).trim().split("\n");
    expect(lines).toEqual(["[auth] a sign-in was refused"]);
  });
});

test.describe("admin pages show the real state", () => {
  test("disabling and enabling a user from the users page", async ({ page, playwright }, info) => {
    const member = takeMember(driverOf(info));
    const anonymous = await playwright.request.newContext({
      baseURL: String(info.project.use.baseURL),
      storageState: EMPTY,
    });
    const read = async () =>
      (
        await anonymous.get("/api/v1/models", { headers: { Authorization: `Bearer ${member.key}` } })
      ).status();
    await page.goto(`/settings/users?q=${member.username}`);
    await page.getByTestId(`user-${member.username}`).getByRole("button", { name: "Manage" }).click();
    const form = page.getByTestId(`disable-${member.username}`);
    const state = page.getByTestId(`state-${member.username}`);
    await expect(state).toContainText("Active");
    // Disabling asks once more; Cancel leaves the person as they were.
    await form.getByRole("button", { name: "Disable" }).click();
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(state).toContainText("Active");
    await form.getByRole("button", { name: "Disable" }).click();
    await form.getByRole("button", { name: "Confirm disable" }).click();
    await expect(state).toContainText("Disabled");
    expect(await read()).toBe(401);
    await form.getByRole("button", { name: "Enable" }).click();
    await expect(state).toContainText("Active");
    await expect(form.getByRole("button", { name: "Disable" })).toBeVisible();
    expect(await read()).toBe(200);
    await anonymous.dispose();
  });

  test("the audit page takes any filter in its URL", async ({ request }) => {
    for (const query of ["before=99999999999999999999", "actor=%00", "action=%ED%A0%80", "before=-1"]) {
      const response = await request.get(`/settings/audit?${query}`);
      expect(response.status(), query).toBe(200);
    }
  });

  test("the 404 page says what is missing", async ({ page }) => {
    expect((await page.goto("/no/such/page"))!.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toHaveText("There is no page at this address.");
    expect((await page.goto("/users/nobody-by-this-name"))!.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("no such person");
  });
});
