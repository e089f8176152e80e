import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { catalogEntry } from "@/lib/prices/catalog";
import { CLI, type Person } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { describeEachDriver, uniqueName } from "@/test/database";
import { READ_MODEL_DRIFT_SQL, ROLLUP_DRIFT_SQL } from "@/test/drift";
import { createUser } from "./accounts/users";
import { removePriceOverride, setCostMode, setPriceOverride, syncPriceBook } from "./prices";
import { machines, machineUsage, modelUsage, userModelRollup } from "./schema";
import { queryRows } from "./sql";
import { ingestUsage } from "./upload";

const V15 = "test/fixtures/ccusage/v15.5.2/daily.json";

const money = (n: number) => Math.round(n * 1e10) / 1e10;

/** What `tokens` cost at `prices` (USD per million), cache writes as 5-minute writes. */
function listCost(
  t: { input: number; output: number; cacheWrite: number; cacheRead: number },
  p: { input: number; output: number; cacheWrite: number; cacheRead: number },
) {
  return money(
    (t.input * p.input + t.output * p.output + t.cacheWrite * p.cacheWrite + t.cacheRead * p.cacheRead) / 1e6,
  );
}

describeEachDriver("prices", ({ database }) => {
  const person = (): Promise<Person> => createUser({ username: uniqueName("price"), role: "member" }, CLI);
  const upload = (by: Person, report: unknown, machine = "laptop") =>
    ingestUsage({ by, machine, report: parseReport(report), mode: "merge", dryRun: false });
  const modelRows = (userId: number) =>
    database().db.select().from(modelUsage).where(eq(modelUsage.userId, userId));
  const drift = async () => [
    ...(await queryRows(database().db, sql.raw(READ_MODEL_DRIFT_SQL))),
    ...(await queryRows(database().db, sql.raw(ROLLUP_DRIFT_SQL))),
  ];

  it("prices a known model that ccusage reported at $0 from the price table, and keeps reported costs", async () => {
    const user = await person();
    const report = JSON.parse(fs.readFileSync(V15, "utf8"));
    await upload(user, report);
    const rows = await modelRows(user.id);
    const opus = report.daily[0].modelBreakdowns.find(
      (b: { modelName: string }) => b.modelName === "claude-opus-4-1-20250805",
    );
    const stored = rows.find((r) => r.date === report.daily[0].date && r.model === opus.modelName)!;
    const prices = catalogEntry(opus.modelName).defaults.at(-1)!;
    const expected = listCost(
      {
        input: opus.inputTokens,
        output: opus.outputTokens,
        cacheWrite: opus.cacheCreationTokens,
        cacheRead: opus.cacheReadTokens,
      },
      prices,
    );
    expect(expected).toBeGreaterThan(0);
    expect(Number(stored.cost)).toBeCloseTo(expected, 9);
    expect(Number(stored.pricedCost)).toBe(Number(stored.cost));
    expect(stored.unpricedTokens).toBe(0);
    expect(Number(stored.cacheSavings)).toBeCloseTo(
      money((opus.cacheReadTokens * (prices.input - prices.cacheRead)) / 1e6),
      9,
    );
    // Sonnet's cost is ccusage's, as reported.
    const sonnet = report.daily[0].modelBreakdowns.find(
      (b: { modelName: string }) => b.modelName === "claude-sonnet-4-20250514",
    );
    const sonnetRow = rows.find((r) => r.date === report.daily[0].date && r.model === sonnet.modelName)!;
    expect(Number(sonnetRow.cost)).toBeCloseTo(sonnet.cost, 9);
    expect(Number(sonnetRow.pricedCost)).toBe(0);
    // The table's price is kept beside the reported cost.
    const sonnetList = listCost(
      {
        input: sonnet.inputTokens,
        output: sonnet.outputTokens,
        cacheWrite: sonnet.cacheCreationTokens,
        cacheRead: sonnet.cacheReadTokens,
      },
      catalogEntry(sonnet.modelName).defaults.at(-1)!,
    );
    expect(Number(sonnetRow.listCost)).toBeCloseTo(sonnetList, 9);
    expect(Number(stored.listCost)).toBeCloseTo(expected, 9);
    expect(await drift()).toEqual([]);
  });

  it("counts a model nobody has a price for as unpriced tokens, not as $0", async () => {
    const user = await person();
    const model = `claude-mystery-${uniqueName("m")}`;
    const result = await upload(user, dailyReport({ "2026-10-01": { [model]: [10, 0] } }));
    expect(result.warnings.find((w) => w.code === "unpriced_models")?.models).toEqual([model]);
    const [row] = await modelRows(user.id);
    expect(row).toMatchObject({ model, unpricedTokens: 100 });
    expect(Number(row.cost)).toBe(0);
    expect(await drift()).toEqual([]);
  });

  it("applies an admin's price from its day on, not before, ends it, and keeps every rollup exact", async () => {
    const user = await person();
    const model = `claude-custom-${uniqueName("m")}`;
    const key = catalogEntry(model).priceKey;
    await upload(
      user,
      dailyReport({
        "2026-09-29": { [model]: [1_000_000, 0] },
        "2026-09-30": { [model]: [1_000_000, 0] },
        "2026-10-02": { [model]: [1_000_000, 0] },
      }),
    );
    const prices = { input: 1, output: 2, cacheRead: 0.5, cacheWrite: 3, cacheWrite1h: 4 };
    await setPriceOverride(CLI, { priceKey: key, from: "2026-09-30", prices });
    const cost = async (date: string) =>
      Number((await modelRows(user.id)).find((r) => r.date === date)!.cost);
    // Each day: 1M input, 2M output, 3M cache writes, 4M cache reads.
    const priced = 1 * 1 + 2 * 2 + 3 * 3 + 4 * 0.5;
    expect(await cost("2026-09-29")).toBe(0);
    expect(await cost("2026-09-30")).toBe(priced);
    expect(await cost("2026-10-02")).toBe(priced);
    // The September and October rollups follow.
    const rollups = await database()
      .db.select()
      .from(userModelRollup)
      .where(and(eq(userModelRollup.userId, user.id), eq(userModelRollup.kind, "month")));
    expect(rollups.map((r) => [r.start, Number(r.cost), r.unpricedTokens]).sort()).toEqual([
      ["2026-09-01", priced, 10_000_000],
      ["2026-10-01", priced, 0],
    ]);
    await setPriceOverride(CLI, { priceKey: key, from: "2026-10-01", prices: null });
    expect(await cost("2026-10-02")).toBe(0);
    expect(await cost("2026-09-30")).toBe(priced);
    await removePriceOverride(CLI, key, "2026-09-30");
    expect(await cost("2026-09-30")).toBe(0);
    expect(await drift()).toEqual([]);
    await expect(
      setPriceOverride(CLI, { priceKey: "no-such-key", from: "2026-01-01", prices }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("puts models that arrived before prices existed in the catalog at start-up, and prices their days", async () => {
    const user = await person();
    // A spelling of Opus 4.1 only this test uses, stored as an upload before prices were kept.
    const model = `us.anthropic.claude-opus-4-1-20250805-v${Date.now() % 1000}:0`;
    const [machine] = await database()
      .db.insert(machines)
      .values({ userId: user.id, name: "old" })
      .returning({ id: machines.id });
    await database().db.insert(machineUsage).values({
      machineId: machine.id,
      userId: user.id,
      date: "2025-09-01",
      model,
      provider: "anthropic",
      inputTokens: 1_000_000,
    });
    await database().db.execute(sql`select refresh_read_model(${user.id}, '{2025-09-01}'::date[])`);
    expect((await modelRows(user.id))[0].unpricedTokens).toBe(1_000_000);
    expect(await syncPriceBook()).toContain("anthropic/claude-opus-4-1");
    const [row] = await modelRows(user.id);
    expect(row.unpricedTokens).toBe(0);
    expect(Number(row.cost)).toBe(15);
    expect(await drift()).toEqual([]);
  });
});

// The team's cost mode changes every price-able day at once: only on the embedded database, which each
// test file has to itself (the PostgreSQL one is shared by files running side by side).
describeEachDriver("list prices everywhere", ({ database }) => {
  const drift = async () => [
    ...(await queryRows(database().db, sql.raw(READ_MODEL_DRIFT_SQL))),
    ...(await queryRows(database().db, sql.raw(ROLLUP_DRIFT_SQL))),
  ];
  it("shows list prices where there are any when the team asks for them, and back", async () => {
    if (database().driver !== "pglite") return;
    const user = await createUser({ username: uniqueName("list"), role: "member" }, CLI);
    await ingestUsage({
      by: user,
      machine: "laptop",
      report: parseReport(dailyReport({ "2026-10-01": { "claude-opus-4-1-20250805": [1_000_000, 1] } })),
      mode: "merge",
      dryRun: false,
    });
    const row = async () =>
      (await database().db.select().from(modelUsage).where(eq(modelUsage.userId, user.id)))[0];
    expect((await setCostMode(CLI, "list")).people).toBeGreaterThan(0);
    expect(Number((await row()).cost)).toBe(15 + 2 * 75 + 3 * 18.75 + 4 * 1.5);
    expect(Number((await row()).pricedCost)).toBe(Number((await row()).cost));
    expect(await drift()).toEqual([]);
    await setCostMode(CLI, "reported");
    expect(Number((await row()).cost)).toBe(1);
    expect(Number((await row()).pricedCost)).toBe(0);
    const audit = await queryRows<{ details: unknown }>(
      database().db,
      sql`select details from audit_log where action = 'team.update' order by id desc limit 2`,
    );
    expect(audit.map((a) => JSON.stringify(a.details))).toEqual([
      expect.stringContaining('"to":"reported"'),
      expect.stringContaining('"to":"list"'),
    ]);
  });
});
