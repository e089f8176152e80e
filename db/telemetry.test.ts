import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { dataPoints, logRecords } from "@/lib/otel/records";
import { readActivity, readApiRequests } from "@/lib/otel/telemetry";
import { CLI, type Person } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { describeEachDriver, uniqueName } from "@/test/database";
import { READ_MODEL_DRIFT_SQL, ROLLUP_DRIFT_SQL } from "@/test/drift";
import { billed, otelCaptures, PERSON_OF_TAG, requestObject, sumExport } from "@/test/otel-fixtures";
import { claimHeldTelemetry, recordActivity, recordApiRequests, type TelemetrySender } from "./telemetry";
import { createUser } from "./accounts/users";
import { ingestUsage } from "./upload";
import { telemetryActivity, telemetryUsage, usageStats, users } from "./schema";
import { queryRows } from "./sql";

const NOW = new Date("2026-12-01T14:00:00Z");
const window = { now: NOW, oldest: new Date("2026-11-01T00:00:00Z") };
const context = { now: NOW, timezone: "UTC" };

async function person(email?: string): Promise<Person> {
  const user = await createUser({ username: uniqueName("otel"), role: "member", email }, CLI);
  return user;
}

const personal = (p: Person, keyId = p.id * 1000): TelemetrySender => ({
  kind: "personal",
  keyId,
  person: p,
});

function captures(tag: "json" | "protobuf" | "protobuf-gzip", signal: "logs" | "metrics") {
  return otelCaptures()
    .filter((c) => c.tag === tag && c.signal === signal)
    .map(requestObject);
}

async function sendLogs(sender: TelemetrySender, request: Record<string, unknown>) {
  return recordApiRequests(sender, readApiRequests(logRecords(request), window), context);
}

async function sendMetrics(sender: TelemetrySender, request: Record<string, unknown>) {
  const points = dataPoints(request);
  return recordActivity(sender, { ...readActivity(points, window), points: points.length }, context);
}

describeEachDriver("telemetry", ({ database }) => {
  const totals = async (userId: number) => {
    const [row] = await queryRows<Record<string, string | number | null>>(
      database().db,
      sql`select sum(input_tokens) i, sum(output_tokens) o, sum(cache_creation_tokens) cw, sum(cache_read_tokens) cr,
            sum(cost) c from usage_stats where user_id = ${userId}`,
    );
    return { i: Number(row.i), o: Number(row.o), cw: Number(row.cw), cr: Number(row.cr), c: Number(row.c) };
  };
  const drift = async () => [
    ...(await queryRows(database().db, sql.raw(READ_MODEL_DRIFT_SQL))),
    ...(await queryRows(database().db, sql.raw(ROLLUP_DRIFT_SQL))),
  ];

  it.each(["json", "protobuf", "protobuf-gzip"] as const)(
    "%s: counts every billed API call once, however often the export is repeated",
    async (tag) => {
      const user = await person();
      const truth = billed().filter((b) => b.person === PERSON_OF_TAG[tag]);
      const expected = {
        i: truth.reduce((n, b) => n + b.input, 0),
        o: truth.reduce((n, b) => n + b.output, 0),
        cw: truth.reduce((n, b) => n + b.cacheCreation, 0),
        cr: truth.reduce((n, b) => n + b.cacheRead, 0),
      };
      for (let round = 0; round < 2; round++) {
        for (const request of captures(tag, "logs")) await sendLogs(personal(user), request);
        expect(await totals(user.id)).toMatchObject(expected);
      }
      const [split] = await queryRows<{ c5: string; c1: string; n: string | number }>(
        database().db,
        sql`select sum(cache_creation5m_tokens) c5, sum(cache_creation1h_tokens) c1, sum(requests) n
            from telemetry_usage where user_id = ${user.id}`,
      );
      expect(Number(split.c5)).toBe(truth.reduce((n, b) => n + b.cacheCreation5m, 0));
      expect(Number(split.c1)).toBe(truth.reduce((n, b) => n + b.cacheCreation1h, 0));
      expect(Number(split.n)).toBe(truth.length);
      expect(await drift()).toEqual([]);
    },
  );

  it("adds activity from delta and cumulative metrics once, with resets", async () => {
    const user = await person();
    for (let round = 0; round < 2; round++) {
      for (const request of captures("json", "metrics")) await sendMetrics(personal(user), request);
    }
    const activity = async (metric: string) => {
      const rows = await database()
        .db.select({ value: telemetryActivity.value })
        .from(telemetryActivity)
        .where(sql`${telemetryActivity.userId} = ${user.id} and ${telemetryActivity.metric} = ${metric}`);
      return rows.reduce((n, r) => n + r.value, 0);
    };
    expect(await activity("sessions")).toBe(3);
    expect(await activity("lines_added")).toBe(5);
    expect(await activity("edits_accepted")).toBe(1);

    // A cumulative series: 10, then 15 (+5), then 3 after a restart (+3); repeats add nothing.
    const point = (time: number, value: number, start = 1_796_130_000_000_000_000n) =>
      sumExport("claude_code.commit.count", 2, [
        {
          startTimeUnixNano: String(start),
          timeUnixNano: String(start + BigInt(time) * 1_000_000_000n),
          asDouble: value,
        },
      ]);
    for (const [t, v] of [
      [10, 10],
      [20, 15],
      [20, 15],
      [30, 3],
      [15, 12],
    ])
      await sendMetrics(personal(user), point(t, v));
    expect(await activity("commits")).toBe(18);
  });

  it("attributes a team key's records by email, and holds what no user has until it is claimed", async () => {
    const known = await person(`${uniqueName("known")}@example.com`);
    const [row] = await database()
      .db.select({ email: users.email })
      .from(users)
      .where(eq(users.id, known.id));
    const team: TelemetrySender = { kind: "team", keyId: 999_000 + known.id };
    const withEmail = (request: Record<string, unknown>, email: string) =>
      JSON.parse(
        JSON.stringify(request).replaceAll(
          '"key":"user.id"',
          `"key":"user.email","value":{"stringValue":"${email}"}},{"key":"user.id"`,
        ),
      );
    const strangerEmail = `${uniqueName("stranger")}@example.com`;
    const [json1] = captures("json", "logs");
    await sendLogs(team, withEmail(json1, row.email!.toUpperCase()));
    const [kim1] = captures("protobuf", "logs");
    await sendLogs(team, withEmail(kim1, strangerEmail));
    const sam = billed().find((b) => b.requestId === "req_sam_1_ad4e88fa")!;
    expect((await totals(known.id)).i).toBe(sam.input);

    // The stranger's usage shows under nobody until someone has that email: then it is theirs, once.
    const [held] = await queryRows<{ n: number | string }>(
      database().db,
      sql`select count(*) as n from telemetry_events where user_id is null and email = ${strangerEmail}`,
    );
    expect(Number(held.n)).toBeGreaterThan(0);
    const stranger = await person(strangerEmail);
    const kim = billed().find((b) => b.requestId === "req_kim_1_84c40eef")!;
    expect((await totals(stranger.id)).i).toBe(kim.input);
    await database().db.transaction((tx) => claimHeldTelemetry(tx, stranger, strangerEmail));
    expect((await totals(stranger.id)).i).toBe(kim.input);
    expect(await drift()).toEqual([]);
  });

  it("counts a person-day once when the person both uploads and sends telemetry: telemetry's", async () => {
    const user = await person();
    const [request] = captures("json", "logs");
    const day = "2026-12-01";
    const upload = (date: string, tokens: number) =>
      ingestUsage({
        by: user,
        machine: "laptop",
        report: parseReport(dailyReport({ [date]: { "claude-opus-4-6": [tokens, 1] } })),
        mode: "merge",
        dryRun: false,
      });
    const before = await upload(day, 100);
    expect(before.days[0].countedFrom).toBe("upload");
    await upload("2026-11-30", 7);
    await sendLogs(personal(user), request);
    const sam = billed().find((b) => b.requestId === "req_sam_1_ad4e88fa")!;
    const [counted] = await database()
      .db.select()
      .from(usageStats)
      .where(sql`${usageStats.userId} = ${user.id} and ${usageStats.date} = ${day}`);
    expect(counted.inputTokens).toBe(sam.input);
    // A later upload of that day is kept but not counted, and says so.
    const after = await upload(day, 200);
    expect(after.days[0].countedFrom).toBe("telemetry");
    expect(after.warnings.map((w) => w.code)).toContain("counted_from_telemetry");
    expect((await totals(user.id)).i).toBe(sam.input + 7);
    const rows = await database().db.select().from(telemetryUsage).where(eq(telemetryUsage.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(await drift()).toEqual([]);
  });
});
