import { spawnSync } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { uploaderCommand } from "../lib/upload-command";
import { dailyReport } from "../lib/seed/reports";
import { databaseUrlFile, driverOf, takeMember } from "./accounts";

// Regressions from the security review, over HTTP on both databases: what one member or a stranger
// sends must get a clear 4xx and never break anyone else's upload or read.

function post(
  request: APIRequestContext,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
  query = "",
) {
  return request.post(`/api/v1/usage${query}`, {
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
    data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
  });
}

/** One ccusage row of one model with only input tokens. */
const row = (date: string, model: string, tokens: number, cost: number) => ({
  date,
  inputTokens: tokens,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  totalCost: cost,
  modelBreakdowns: [
    {
      modelName: model,
      inputTokens: tokens,
      outputTokens: 0,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      cost,
    },
  ],
});

async function expectError(response: Awaited<ReturnType<typeof post>>, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  const body = await response.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error as { message: string; details?: { problems: { path: string; message: string }[] } };
}

test.describe("uploads one member cannot abuse", () => {
  test("one member's huge day cannot block anyone else's uploads of that day and model", async ({
    request,
  }, info) => {
    const driver = driverOf(info);
    const [attacker, victim] = [takeMember(driver), takeMember(driver)];
    const date = "2025-07-07";
    const model = "claude-overflow-shared";
    // The attack the review found: rows of $999,999,999.90 of one day and model, summed together, filled
    // the team's numeric(20,10) row for that day and model.
    const rows = Array.from({ length: 10 }, () => row(date, model, 1, 999_999_999.9));
    await expectError(await post(request, attacker.key, { daily: rows }), 422, "invalid");
    // The bounds of one person's day are accepted on one machine; a second machine cannot pass them.
    const atBound = { daily: [row(date, model, 100_000_000_000, 100_000)] };
    expect((await post(request, attacker.key, atBound, { "X-Machine-Id": "one" })).status()).toBe(200);
    const more = { daily: [row(date, model, 1, 0.01)] };
    const refused = await expectError(
      await post(request, attacker.key, more, { "X-Machine-Id": "two" }),
      422,
      "invalid",
    );
    expect(refused.message).toMatch(/^2025-07-07: with this report, the usage over all of your machines/);
    // Everyone else's normal report of that day and model still lands, and adds up exactly.
    const normal = await post(request, victim.key, dailyReport({ [date]: { [model]: [1000, 1.25] } }));
    expect(normal.status(), await normal.text()).toBe(200);
    const read = await request.get(`/api/v1/models/${model}?from=${date}&to=${date}`, {
      headers: { Authorization: `Bearer ${victim.key}` },
    });
    expect((await read.json()).model).toMatchObject({ cost: 100_001.25, people: 2 });
  });

  test("odd but harmless bytes anywhere in the JSON are stored as parsed, or refused with a 4xx", async ({
    request,
  }, info) => {
    const member = takeMember(driverOf(info));
    const valid = dailyReport({ "2025-07-08": { "claude-odd": [10, 0.1] } });
    // JSON.stringify writes both as \u escapes, which PostgreSQL's jsonb refuses.
    const ignored = JSON.stringify({ ...valid, note: "a \u0000 and a lone \ud800" });
    expect((await post(request, member.key, ignored)).status()).toBe(200);
    const nested = JSON.stringify(valid).replace(/}$/, `,"deep":${"[".repeat(6000)}${"]".repeat(6000)}}`);
    expect((await post(request, member.key, nested)).status()).toBe(200);

    for (const name of ["claude-\ud800", "claude-\u0000"]) {
      const body = JSON.stringify({ daily: [row("2025-07-08", name, 1, 0.1)] });
      const error = await expectError(await post(request, member.key, body), 422, "invalid");
      expect(error.details!.problems[0].path).toBe("daily[0].modelBreakdowns[0].modelName");
    }
  });

  test("names in URLs are decoded once; malformed ones are 404s; CSV names any file", async ({
    request,
  }, info) => {
    const member = takeMember(driverOf(info));
    const auth = { Authorization: `Bearer ${member.key}` };
    const report = dailyReport({
      "2025-07-09": { "rt-100%-model": [1, 0.1], "rt-AB": [1, 0.1], "модель-ü": [1, 0.1] },
    });
    expect((await post(request, member.key, report)).status()).toBe(200);
    const get = (path: string) => request.get(path, { headers: auth });

    const percent = await get("/api/v1/models/rt-100%25-model?range=all");
    expect(percent.status()).toBe(200);
    expect((await percent.json()).model.model).toBe("rt-100%-model");
    expect((await get("/models/rt-100%25-model?range=all")).status()).toBe(200);
    // "%41%42" is not "AB": a name is decoded once.
    expect((await get("/api/v1/models/rt-%2541%2542")).status()).toBe(404);
    expect((await get("/models/rt-%2541%2542")).status()).toBe(404);

    for (const bad of ["%E0%A4%A", "%00", "%ED%A0%80"]) {
      for (const path of [`/api/v1/models/${bad}`, `/api/v1/users/${bad}/usage`]) {
        const response = await get(path);
        expect(response.status(), path).toBe(404);
        expect((await response.json()).error.code, path).toBe("not_found");
      }
      for (const path of [`/models/${bad}`, `/users/${bad}`])
        expect((await get(path)).status(), path).toBe(404);
    }

    const csv = await get(`/api/v1/models/${encodeURIComponent("модель-ü")}?range=all&format=csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toContain(
      `filename*=UTF-8''model-${encodeURIComponent("модель-ü")}`,
    );
  });

  test("every error keeps the error shape: wrong methods, unknown API paths", async ({ request }) => {
    const wrongMethod = await request.get("/api/v1/usage");
    expect(wrongMethod.status()).toBe(405);
    expect(wrongMethod.headers()["allow"]).toBe("POST");
    expect((await wrongMethod.json()).error).toMatchObject({ code: "method_not_allowed" });
    const readOnly = await request.post("/api/v1/leaderboard", { data: "{}" });
    expect(readOnly.status()).toBe(405);
    expect(readOnly.headers()["allow"]).toBe("GET");
    for (const path of ["/api/v1/nothing-here", "/api/v2/leaderboard", "/api/nothing"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"], path).toContain("application/json");
      expect((await response.json()).error.code, path).toBe("not_found");
    }
  });

  test("an upload racing the deletion of its uploader gets a 401, not a database error", async ({
    request,
  }, info) => {
    const driver = driverOf(info);
    // The embedded database has one connection, inside the server: nothing can hold a lock beside it.
    test.skip(driver !== "postgres", "needs a second connection to the server's database");
    const member = takeMember(driver);
    const sql = postgres(fs.readFileSync(databaseUrlFile(driver), "utf8"), { max: 1, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      await reserved`begin`;
      await reserved`delete from users where username = ${member.username}`;
      // The upload authenticates (its key is still there for others to read), then waits on the deleted row.
      const upload = post(request, member.key, dailyReport({ "2025-07-11": { "claude-race": [1, 0.1] } }));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await reserved`commit`;
      reserved.release();
      const response = await upload;
      expect(response.status(), await response.text()).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    } finally {
      await sql.end();
    }
  });

  test("the uploader command prints the server's explanation and still fails for cron", async ({
    baseURL,
  }, info) => {
    const member = takeMember(driverOf(info));
    // The command the app shows, from the pipe on: what cron runs after ccusage.
    const curl = uploaderCommand(baseURL!, member.key).split(" | ")[1];
    const refused = spawnSync("sh", ["-c", curl], { input: '{"weekly": []}', encoding: "utf8" });
    expect(refused.status).toBe(22);
    expect(JSON.parse(refused.stdout).error.message).toContain("not per-day data");
    const accepted = spawnSync("sh", ["-c", curl], {
      input: JSON.stringify(dailyReport({ "2025-07-10": { "claude-cron": [1, 0.1] } })),
      encoding: "utf8",
    });
    expect(accepted.status).toBe(0);
    expect(JSON.parse(accepted.stdout).summary.inserted).toBe(1);
  });
});
