import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { dailyFixtures, fixture } from "@/test/fixtures";
import { describeEachDriver, uniqueName } from "@/test/database";
import { READ_MODEL_DRIFT_SQL, ROLLUP_DRIFT_SQL } from "@/test/drift";
import { dailyReport, longReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import type { Db } from "./client";
import { ingestUsage, type IngestInput } from "./upload";
import { machines, uploads, usageStats, users } from "./schema";
import { queryRows } from "./sql";
import { createUser } from "./accounts/users";

type Uploader = IngestInput["by"];

async function member(role: "member" | "admin" = "member"): Promise<Uploader> {
  return createUser({ username: uniqueName(), role }, CLI);
}

function upload(uploader: Uploader, json: unknown, options: Partial<IngestInput> = {}) {
  return ingestUsage({
    by: uploader,
    machine: "default",
    report: parseReport(json),
    mode: "merge",
    dryRun: false,
    ...options,
  });
}

/** The user's stored totals as charts read them (usage_stats), over all days. */
async function storedTotals(db: Db, userId: number) {
  const [row] = await queryRows<Record<string, string | null>>(
    db,
    sql`select sum(input_tokens) as input, sum(output_tokens) as output, sum(cache_creation_tokens) as cw,
      sum(cache_read_tokens) as cr, sum(total_tokens) as total, sum(cost) as cost,
      sum(priced_cost) as priced, count(*) as days
      from usage_stats where user_id = ${userId}`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)]));
}

/** Rows where the read model or the rollups differ from the raw slices (should always be none). */
async function readModelDrift(db: Db) {
  return [
    ...(await queryRows(db, sql.raw(READ_MODEL_DRIFT_SQL))),
    ...(await queryRows(db, sql.raw(ROLLUP_DRIFT_SQL))),
  ];
}

describeEachDriver("ingest", ({ database, statements }) => {
  it("stores every fixture with ccusage's own totals, to the token and the cent", async () => {
    for (const f of dailyFixtures()) {
      const user = await member();
      const result = await upload(user, f.json);
      const stored = await storedTotals(database().db, user.id);
      const expected = f.json.totals!;
      expect({
        name: f.name,
        input: stored.input,
        output: stored.output,
        cw: stored.cw,
        cr: stored.cr,
      }).toEqual({
        name: f.name,
        input: expected.inputTokens,
        output: expected.outputTokens,
        cw: expected.cacheCreationTokens,
        cr: expected.cacheReadTokens,
      });
      expect(stored.total).toBe(
        expected.inputTokens +
          expected.outputTokens +
          expected.cacheCreationTokens +
          expected.cacheReadTokens,
      );
      // What ccusage priced is shown as it reported it; the rest (models it priced at $0) comes from the table.
      expect(Math.abs(stored.cost - stored.priced - expected.totalCost)).toBeLessThan(0.000001);
      expect(result.totals.cost).toBeCloseTo(expected.totalCost, 6);
      expect(await readModelDrift(database().db)).toEqual([]);
    }
  });

  it("reports per day what happened, and changes nothing on an identical re-upload", async () => {
    const user = await member();
    const json = fixture("v20.0.24/claude-daily.json").json;
    const first = await upload(user, json);
    expect(first.summary).toMatchObject({
      days: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      keptHigher: 0,
      from: "2025-09-29",
      to: "2025-10-01",
    });
    expect(first.days[0]).toMatchObject({
      date: "2025-09-29",
      result: "inserted",
      models: 3,
      stored: { inputTokens: 340 },
    });
    const before = await database().db.select().from(usageStats).where(eq(usageStats.userId, user.id));

    const again = await upload(user, json);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, keptHigher: 0 });
    expect(again.totals).toEqual(first.totals);
    expect(await database().db.select().from(usageStats).where(eq(usageStats.userId, user.id))).toEqual(
      before,
    );
    // Every accepted upload is recorded with its payload, as an object on both drivers.
    const recorded = await queryRows<{ kind: string; format: string; version: string }>(
      database().db,
      sql`select jsonb_typeof(payload) as kind, format, format_version as version from uploads where user_id = ${user.id}`,
    );
    expect(recorded).toEqual([
      { kind: "object", format: "daily", version: "v9+" },
      { kind: "object", format: "daily", version: "v9+" },
    ]);
  });

  it("sums a person's machines, and keeps higher figures when a machine re-uploads lower", async () => {
    const user = await member();
    await upload(
      user,
      dailyReport({ "2025-03-01": { "claude-a": [100, 1] }, "2025-03-02": { "claude-a": [10, 0.1] } }),
      { machine: "laptop" },
    );
    await upload(user, dailyReport({ "2025-03-01": { "claude-a": [50, 0.5], "gpt-5": [5, 0.05] } }), {
      machine: "desktop",
    });
    expect(await storedTotals(database().db, user.id)).toMatchObject({ input: 165, days: 2, cost: 1.65 });

    // Transcripts pruned on the laptop: a lower day-1 and no day-2. Nothing shrinks, day 2 is untouched.
    const lower = await upload(user, dailyReport({ "2025-03-01": { "claude-a": [60, 0.6] } }), {
      machine: "laptop",
    });
    expect(lower.days).toEqual([
      expect.objectContaining({
        result: "kept-higher",
        stored: expect.objectContaining({ inputTokens: 100 }),
      }),
    ]);
    expect(await storedTotals(database().db, user.id)).toMatchObject({ input: 165, cost: 1.65 });

    // Higher replaces that machine's day only.
    await upload(user, dailyReport({ "2025-03-01": { "claude-a": [120, 1.2] } }), { machine: "laptop" });
    expect(await storedTotals(database().db, user.id)).toMatchObject({ input: 185, cost: 1.85 });

    // ?mode=replace corrects downwards.
    const replaced = await upload(user, dailyReport({ "2025-03-01": { "claude-b": [1, 0.01] } }), {
      machine: "laptop",
      mode: "replace",
    });
    expect(replaced.summary.updated).toBe(1);
    expect(await storedTotals(database().db, user.id)).toMatchObject({ input: 66, cost: 0.66 });
    expect(await readModelDrift(database().db)).toEqual([]);
    const names = await database()
      .db.select({ name: machines.name })
      .from(machines)
      .where(eq(machines.userId, user.id));
    expect(names.map((m) => m.name).sort()).toEqual(["desktop", "laptop"]);
  });

  it("writes nothing on a dry run, but reports what would change", async () => {
    const admin = await member("admin");
    const newcomer = uniqueName("new");
    const result = await upload(admin, fixture("v20.0.24/claude-daily.json").json, {
      dryRun: true,
      targetUsername: newcomer,
    });
    expect(result).toMatchObject({ uploadId: null, dryRun: true, user: newcomer, summary: { inserted: 3 } });
    expect(await database().db.select().from(users).where(eq(users.username, newcomer))).toEqual([]);
    expect(await database().db.select().from(uploads).where(eq(uploads.uploadedById, admin.id))).toEqual([]);
  });

  it("lets an admin upload for another user, creating them; a member may not", async () => {
    const admin = await member("admin");
    const other = uniqueName("other");
    const result = await upload(admin, dailyReport({ "2025-04-01": { "claude-a": [1, 0.1] } }), {
      targetUsername: other,
    });
    expect(result.user).toBe(other);
    const [created] = await database().db.select().from(users).where(eq(users.username, other));
    expect(created).toMatchObject({ role: "member", passwordHash: null });
    const memberUser = await member();
    await expect(
      upload(memberUser, dailyReport({ "2025-04-01": { "claude-a": [1, 0.1] } }), { targetUsername: other }),
    ).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
  });

  it("is one transaction: a failure at the last statement leaves everything as it was", async () => {
    const user = await member();
    await upload(user, dailyReport({ "2025-05-01": { "claude-a": [10, 0.1] } }));
    const before = await storedTotals(database().db, user.id);
    // A real failure inside the database, for this user's uploads only.
    const fn = `fail_upload_${user.id}`;
    const db = database().db;
    await db.execute(
      sql.raw(
        `create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'injected'; end $$`,
      ),
    );
    await db.execute(
      sql.raw(`create trigger ${fn} before insert on uploads for each row
        when (new.user_id = ${user.id}) execute function ${fn}()`),
    );
    try {
      const report = dailyReport({
        "2025-05-01": { "claude-a": [99, 9] },
        "2025-05-02": { "claude-a": [9, 1] },
      });
      await expect(upload(user, report, { machine: "new-box" })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger ${fn} on uploads`));
      await db.execute(sql.raw(`drop function ${fn}()`));
    }
    expect(await storedTotals(database().db, user.id)).toEqual(before);
    const names = await database()
      .db.select({ name: machines.name })
      .from(machines)
      .where(eq(machines.userId, user.id));
    expect(names).toEqual([{ name: "default" }]);
  });

  it("ends concurrent overlapping uploads in the state of running them one after another", async () => {
    const user = await member();
    // Four machines x two overlapping reports each, all at once; plus a duplicate racing its original.
    const jobs = ["a", "b", "c", "d"].flatMap((machine, i) => [
      () =>
        upload(
          user,
          dailyReport({
            "2025-06-01": { "claude-x": [10 * (i + 1), 0.1] },
            "2025-06-02": { "claude-y": [5, 0.05] },
          }),
          { machine },
        ),
      () =>
        upload(
          user,
          dailyReport({ "2025-06-02": { "claude-y": [7, 0.07] }, "2025-06-03": { "claude-x": [1, 0.01] } }),
          { machine },
        ),
      () =>
        upload(
          user,
          dailyReport({ "2025-06-02": { "claude-y": [7, 0.07] }, "2025-06-03": { "claude-x": [1, 0.01] } }),
          { machine },
        ),
    ]);
    await Promise.all(jobs.map((job) => job()));
    // Whatever the order: each machine holds its highest figures for each day.
    expect(await storedTotals(database().db, user.id)).toMatchObject({ input: 100 + 4 * 7 + 4 * 1, days: 3 });
    expect(await readModelDrift(database().db)).toEqual([]);
  });

  it("issues the same number of statements for 1 day as for 365 days x 5 models", async () => {
    const user = await member();
    const count = async (json: unknown, machine: string) => {
      const before = statements.count;
      await upload(user, json, { machine });
      return statements.count - before;
    };
    const small = await count(longReport(1, 1), "small");
    const large = await count(longReport(365, 5), "large");
    expect(large).toBe(small);
    // Lock, user, machine, slices and upload row, then one for the read model and rollups
    // (refresh_read_model, db/read-model.ts).
    expect(small).toBeLessThanOrEqual(7);
    expect(await storedTotals(database().db, user.id)).toMatchObject({ days: 365 });
    expect(await readModelDrift(database().db)).toEqual([]);
  });

  it("says which models reported at $0 despite tokens the price table prices, and which stay unpriced", async () => {
    const user = await member();
    const result = await upload(user, fixture("v9.0.1/daily.json").json);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "priced_from_table", models: ["claude-opus-4-1-20250805"] }),
    ]);
    const unknown = await upload(user, dailyReport({ "2025-05-02": { "claude-nobody-knows": [10, 0] } }));
    expect(unknown.warnings).toEqual([
      expect.objectContaining({ code: "unpriced_models", models: ["claude-nobody-knows"] }),
    ]);
  });

  it("keeps the report as parsed, not the body: what ignored fields carry is never stored", async () => {
    const user = await member();
    const json = dailyReport({ "2025-05-01": { "claude-a": [10, 0.25] } });
    const nested = JSON.parse("[".repeat(6000) + "]".repeat(6000));
    await upload(user, {
      ...json,
      note: "nul \u0000 and \ud800 broken",
      nested,
      padding: "x".repeat(100_000),
    });
    const [stored] = await queryRows<{ payload: unknown }>(
      database().db,
      sql`select payload from uploads where user_id = ${user.id}`,
    );
    expect(stored.payload).toEqual({
      format: "daily",
      formatVersion: "v9+",
      days: [
        {
          date: "2025-05-01",
          models: [
            {
              model: "claude-a",
              provider: "anthropic",
              inputTokens: 10,
              outputTokens: 20,
              cacheCreationTokens: 30,
              cacheReadTokens: 40,
              cost: "0.2500000000",
            },
          ],
        },
      ],
    });
  });

  it("refuses, with a 422 naming the day, an upload that would take a person's day past its bounds", async () => {
    const user = await member();
    const atBound = { "2025-05-02": { "claude-bound": [25_000_000_000, 100_000] as [number, number] } };
    expect((await upload(user, dailyReport(atBound), { machine: "a" })).summary.inserted).toBe(1);
    const before = await storedTotals(database().db, user.id);
    const more = dailyReport({ "2025-05-02": { "claude-bound": [1, 0.01] } });
    await expect(upload(user, more, { machine: "b" })).rejects.toMatchObject({
      code: "invalid",
      status: 422,
      message: expect.stringMatching(/^2025-05-02: with this report, the usage over all of your machines/),
    });
    // Nothing of the refused upload was written: no machine, no slices, the same day.
    expect(await storedTotals(database().db, user.id)).toEqual(before);
    const names = await database()
      .db.select({ name: machines.name })
      .from(machines)
      .where(eq(machines.userId, user.id));
    expect(names).toEqual([{ name: "a" }]);
    // Another person's usage of that day and model is unaffected: the team's row has room for everyone.
    const other = await member();
    expect((await upload(other, dailyReport(atBound))).summary.inserted).toBe(1);
    const [team] = await queryRows<{ cost: string }>(
      database().db,
      sql`select cost from model_day_usage where date = '2025-05-02' and model = 'claude-bound'`,
    );
    expect(Number(team.cost)).toBe(200_000);
    expect(await readModelDrift(database().db)).toEqual([]);
  });

  it("answers an upload whose uploader was deleted meanwhile with a 401, not a database error", async () => {
    const user = await member();
    await database().db.delete(users).where(eq(users.id, user.id));
    await expect(upload(user, dailyReport({ "2025-05-03": { "claude-a": [1, 0.1] } }))).rejects.toMatchObject(
      {
        code: "unauthorized",
        status: 401,
      },
    );
  });
});
