import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { dailyFixtures, fixture, FIXTURES_DIR, otherFixtures } from "../test/fixtures";
import { dailyReport } from "../lib/seed/reports";
import { accounts, driverOf, takeMember } from "./accounts";

// POST /api/v1/usage over HTTP against the built server, on PGlite and on PostgreSQL.

interface Options {
  query?: string;
  headers?: Record<string, string>;
}

function upload(request: APIRequestContext, key: string | undefined, body: unknown, options: Options = {}) {
  return request.post(`/api/v1/usage${options.query ? `?${options.query}` : ""}`, {
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      "Content-Type": "application/json",
      ...options.headers,
    },
    // Bytes, not a string: Playwright would re-encode a string that is not valid JSON.
    data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
  });
}

async function expectError(
  response: Awaited<ReturnType<typeof upload>>,
  status: number,
  code: string,
  message: RegExp,
) {
  expect(response.status()).toBe(status);
  const body = await response.json();
  expect(body).toEqual({
    error: {
      code,
      message: expect.stringMatching(message),
      ...(body.error.details ? { details: expect.anything() } : {}),
    },
  });
  return body.error as {
    code: string;
    message: string;
    details?: { problems: { path: string; message: string }[] };
  };
}

const sum = (t: Record<string, number>) =>
  t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens;

test.describe("uploads", () => {
  test("every ccusage fixture uploads with ccusage's own totals, and again changes nothing", async ({
    request,
  }, info) => {
    for (const f of dailyFixtures()) {
      const member = takeMember(driverOf(info));
      const response = await upload(request, member.key, f.text, { headers: { "X-Machine-Id": "laptop" } });
      expect(response.status(), f.name).toBe(200);
      const result = await response.json();
      const expected = f.json.totals!;
      expect(result.totals.totalTokens, f.name).toBe(sum(expected));
      expect(result.totals.inputTokens, f.name).toBe(expected.inputTokens);
      expect(result.totals.cacheReadTokens, f.name).toBe(expected.cacheReadTokens);
      expect(Math.abs(result.totals.cost - expected.totalCost), f.name).toBeLessThan(0.005);
      expect(result).toMatchObject({
        user: member.username,
        machine: "laptop",
        dryRun: false,
        uploadId: expect.any(Number),
      });

      const again = await (
        await upload(request, member.key, f.text, { headers: { "X-Machine-Id": "laptop" } })
      ).json();
      expect(again.summary, f.name).toMatchObject({
        inserted: 0,
        updated: 0,
        keptHigher: 0,
        unchanged: result.summary.days,
      });
      expect(again.totals, f.name).toEqual(result.totals);
    }
  });

  test("what the real ccusage CLI prints uploads with the totals it printed", async ({ request }, info) => {
    const ccusage = path.resolve("node_modules/.bin/ccusage");
    const env = {
      ...process.env,
      CLAUDE_CONFIG_DIR: path.join(FIXTURES_DIR, "claude-config"),
      CODEX_HOME: path.join(FIXTURES_DIR, "codex-home"),
      TZ: "UTC",
    };
    for (const args of [
      ["claude", "daily", "--json", "--offline"],
      ["daily", "--json", "--offline"],
    ]) {
      const printed = execFileSync(ccusage, args, { env, encoding: "utf8" });
      const totals = JSON.parse(printed).totals;
      const member = takeMember(driverOf(info));
      const response = await upload(request, member.key, printed);
      expect(response.status(), args.join(" ")).toBe(200);
      const result = await response.json();
      expect(result.totals.totalTokens).toBe(sum(totals));
      expect(result.totals.outputTokens).toBe(totals.outputTokens);
      expect(Math.abs(result.totals.cost - totals.totalCost)).toBeLessThan(0.005);
    }
  });

  test("two machines add up; a lower re-upload keeps the higher day unless mode=replace", async ({
    request,
  }, info) => {
    const { key } = takeMember(driverOf(info));
    const day = (tokens: number, cost: number) =>
      dailyReport({ "2025-03-01": { "claude-sonnet-4": [tokens, cost] } });

    const laptop = await (
      await upload(request, key, day(100, 1), { headers: { "X-Machine-Id": "laptop" } })
    ).json();
    expect(laptop.days[0]).toMatchObject({ result: "inserted", stored: { inputTokens: 100 } });
    const desktop = await (await upload(request, key, day(50, 0.5), { query: "machine=desktop" })).json();
    expect(desktop).toMatchObject({ machine: "desktop", days: [{ result: "inserted" }] });

    const lower = await (
      await upload(request, key, day(60, 0.6), { headers: { "X-Machine-Id": "laptop" } })
    ).json();
    expect(lower.days[0]).toMatchObject({ result: "kept-higher", stored: { inputTokens: 100, cost: 1 } });
    const higher = await (
      await upload(request, key, day(120, 1.2), { headers: { "X-Machine-Id": "laptop" } })
    ).json();
    expect(higher.days[0]).toMatchObject({ result: "updated", stored: { inputTokens: 120 } });
    const replaced = await (
      await upload(request, key, day(10, 0.1), {
        headers: { "X-Machine-Id": "laptop" },
        query: "mode=replace",
      })
    ).json();
    expect(replaced.days[0]).toMatchObject({ result: "updated", stored: { inputTokens: 10, cost: 0.1 } });
    // The desktop's day was never touched.
    const check = await (
      await upload(request, key, day(50, 0.5), { query: "machine=desktop&dryRun=1" })
    ).json();
    expect(check.days[0].result).toBe("unchanged");
  });

  test("a dry run reports what would change and writes nothing", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const report = fixture("v20.0.24/claude-daily.json").text;
    for (let i = 0; i < 2; i++) {
      const result = await (await upload(request, key, report, { query: "dryRun=1" })).json();
      expect(result).toMatchObject({ dryRun: true, uploadId: null, summary: { days: 3, inserted: 3 } });
      expect(result.warnings).toEqual([]);
    }
  });

  test("models priced at $0 despite tokens come back as a warning", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const result = await (await upload(request, key, fixture("v9.0.1/daily.json").text)).json();
    expect(result.warnings).toEqual([
      {
        code: "priced_from_table",
        message: expect.stringContaining("claude-opus-4-1-20250805"),
        models: ["claude-opus-4-1-20250805"],
      },
    ]);
  });

  test("concurrent overlapping uploads end as if they ran one after another", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const report = (machine: number, tokens: number) =>
      dailyReport({
        "2025-07-01": { "claude-a": [tokens, tokens / 100] },
        [`2025-07-0${2 + (machine % 2)}`]: { "claude-b": [7, 0.07] },
      });
    const jobs = [0, 1, 2, 3].flatMap((m) => [10, 30, 20, 30].map((tokens) => ({ m, tokens })));
    const responses = await Promise.all(
      jobs.map(({ m, tokens }) =>
        upload(request, key, report(m, tokens), { headers: { "X-Machine-Id": `box-${m}` } }),
      ),
    );
    expect(responses.map((r) => r.status())).toEqual(jobs.map(() => 200));
    // Each machine keeps its highest report (30 tokens), whatever order they ran in.
    for (const m of [0, 1, 2, 3]) {
      const check = await (
        await upload(request, key, report(m, 30), {
          headers: { "X-Machine-Id": `box-${m}` },
          query: "dryRun=1",
        })
      ).json();
      expect(check.summary).toMatchObject({ unchanged: 2, inserted: 0, updated: 0, keptHigher: 0 });
    }
  });

  test("an admin uploads for another user (created if missing); a member gets 403", async ({
    request,
  }, info) => {
    const { admin } = accounts(driverOf(info));
    const newcomer = `new-${driverOf(info)}-${Date.now()}`;
    const created = await upload(
      request,
      admin.key,
      dailyReport({ "2025-08-01": { "claude-a": [1, 0.01] } }),
      { query: `user=${newcomer}` },
    );
    expect(created.status()).toBe(200);
    expect((await created.json()).user).toBe(newcomer);

    const member = takeMember(driverOf(info));
    const response = await upload(
      request,
      member.key,
      dailyReport({ "2025-08-01": { "claude-a": [1, 0.01] } }),
      { query: `user=${newcomer}` },
    );
    await expectError(response, 403, "forbidden", /Only admins may upload for another user/);
    // Naming yourself is fine.
    expect(
      (await upload(request, member.key, dailyReport({}), { query: `user=${member.username}` })).status(),
    ).toBe(200);
  });
});

test.describe("bad uploads get a clear error", () => {
  test("401 for a missing, malformed, unknown, revoked or expired key, alike", async ({ request }, info) => {
    const { revokedKey, expiredKey, members } = accounts(driverOf(info));
    const unknown = members[0].key.slice(0, -4) + "AAAA";
    const report = dailyReport({ "2025-01-01": { "claude-a": [1, 0.01] } });
    const variants: Record<string, string>[] = [
      {},
      { Authorization: "Bearer" },
      { Authorization: "Bearer not-a-key" },
      { Authorization: `Basic ${members[0].key}` },
      { Authorization: `Bearer ${unknown}` },
      { Authorization: `Bearer ${revokedKey}` },
      { Authorization: `Bearer ${expiredKey}` },
    ];
    for (const headers of variants) {
      const response = await upload(request, undefined, report, { headers });
      const error = await expectError(response, 401, "unauthorized", /^A valid API key is required/);
      expect(error.details).toBeUndefined();
      expect(response.headers()["www-authenticate"]).toContain("Bearer");
    }
  });

  test("413 for a body over the limit, 415 for a non-JSON type, 400 for bad JSON", async ({
    request,
  }, info) => {
    const { key } = takeMember(driverOf(info));
    const huge = `{"daily":[],"pad":"${"x".repeat(5 * 1024 * 1024)}"}`;
    await expectError(
      await upload(request, key, huge),
      413,
      "payload_too_large",
      /larger than the 5 MB limit/,
    );

    await expectError(
      await upload(request, key, "date,cost\n", { headers: { "Content-Type": "text/csv" } }),
      415,
      "unsupported_media_type",
      /Send the report as JSON \(Content-Type: application\/json\), not text\/csv/,
    );
    // curl's default for --data-binary is accepted: the usual one-liner sends no Content-Type.
    const curlDefault = await upload(request, key, dailyReport({}), {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(curlDefault.status()).toBe(200);

    const broken = await expectError(
      await upload(request, key, '{\n  "daily": [\n    {"date": "2025-01-01",}\n  ]\n}'),
      400,
      "bad_request",
      /not valid JSON: .* at line 3, column 27/,
    );
    expect(broken.details).toEqual({ line: 3, column: 27, position: 41 });
    await expectError(await upload(request, key, ""), 400, "bad_request", /The body is empty/);
  });

  test("422 names the first paths that are wrong", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const good = dailyReport({ "2025-01-01": { "claude-a": [1, 0.01] } });
    const row = good.daily[0];
    const cases: [unknown, string, RegExp][] = [
      [{ daily: [{ ...row, inputTokens: -5 }] }, "daily[0].inputTokens", /must not be negative/],
      [{ daily: [{ ...row, outputTokens: 2.5 }] }, "daily[0].outputTokens", /must be a whole number/],
      [{ daily: [{ ...row, totalCost: "12" }] }, "daily[0].totalCost", /must be a number/],
      [{ daily: [{ ...row, date: "2025-02-29" }] }, "daily[0].date", /not a real calendar date/],
      [{ daily: [{ ...row, date: "2999-01-01" }] }, "daily[0].date", /in the future/],
      [
        {
          daily: [
            row,
            { ...row, modelBreakdowns: [{ ...row.modelBreakdowns[0], modelName: "x".repeat(101) }] },
          ],
        },
        "daily[1].modelBreakdowns[0].modelName",
        /at most 100 characters/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const error = await expectError(
        await upload(request, key, body),
        422,
        "invalid",
        /^The report has invalid values/,
      );
      expect(error.details!.problems[0]).toEqual({ path, message: expect.stringMatching(message) });
    }
    // JSON cannot carry NaN or Infinity: they are syntax errors, so 400.
    await expectError(
      await upload(request, key, '{"daily":[{"totalCost":NaN}]}'),
      400,
      "bad_request",
      /not valid JSON/,
    );
  });

  test("422 for reports that are not per day, naming the command to run instead", async ({
    request,
  }, info) => {
    const { key } = takeMember(driverOf(info));
    for (const f of otherFixtures()) {
      const error = await expectError(await upload(request, key, f.text), 422, "invalid", /not per-day data/);
      expect(error.message, f.name).toContain("ccusage claude daily --json");
    }
  });

  test("422 for bad parameters", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const report = dailyReport({});
    const mode = await expectError(
      await upload(request, key, report, { query: "mode=overwrite" }),
      422,
      "invalid",
      /mode must be "merge" or "replace"/,
    );
    expect(mode.details!.problems).toEqual([{ path: "mode", message: 'must be "merge" or "replace"' }]);
    await expectError(
      await upload(request, key, report, { query: `machine=${"m".repeat(65)}` }),
      422,
      "invalid",
      /machine must be at most 64/,
    );
    await expectError(
      await upload(request, key, report, { query: "dryRun=maybe" }),
      422,
      "invalid",
      /dryRun must be 1 or 0/,
    );
    await expectError(
      await upload(request, key, report, { query: "user=Not%20Valid" }),
      422,
      "invalid",
      /user must be 1-50 characters/,
    );
  });

  test("429 with Retry-After when one key uploads too often", async ({ request }, info) => {
    const { key } = takeMember(driverOf(info));
    const other = takeMember(driverOf(info));
    const report = dailyReport({});
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await upload(request, key, report, { query: "dryRun=1" })).status());
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await upload(request, key, report, { query: "dryRun=1" });
    await expectError(limited, 429, "rate_limited", /Too many uploads: try again in \d+ s/);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // Other keys are not affected.
    expect((await upload(request, other.key, report)).status()).toBe(200);
  });
});
