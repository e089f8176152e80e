import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { addDays } from "@/lib/dates";
import { parseStatsQuery } from "@/lib/stats/query";
import { describeEachDriver, uniqueName } from "@/test/database";
import { READ_MODEL_DRIFT_SQL, ROLLUP_DRIFT_SQL } from "@/test/drift";
import { dailyReport } from "@/lib/seed/reports";
import { CLI } from "@/lib/principal";
import { logRecords } from "@/lib/otel/records";
import { readApiRequests } from "@/lib/otel/telemetry";
import { recordApiRequests } from "./telemetry";
import { ingestUsage } from "./upload";
import { deleteMachine, deleteUsageRange } from "./accounts/self-service";
import { queryRows } from "./sql";
import { getLeaderboard, getTeamDailyCost } from "./stats/leaderboard";
import { OTHER } from "@/lib/stats/series";
import { getModelDaily, getModels } from "./stats/models";
import { resolveScope } from "@/server/stats/scope";
import { createUser, deleteUser } from "./accounts/users";
import { removePriceOverride, setPriceOverride } from "./prices";
import type { AppError } from "@/lib/errors";
import { catalogEntry } from "@/lib/prices/catalog";

// Property test: after any sequence of uploads and deletions, every monthly rollup equals the aggregate
// of the raw rows, and the dashboard (rollups for whole months, daily rows for the rest) gives the same
// figures as aggregating the daily rows directly.

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The last one no price book knows: its tokens stay unpriced unless an override prices them.
const MODELS = ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "gemini-2.5-pro", "acme-model-9"];
const FIRST_DAY = "2026-01-20"; // the dates cross four month ends, February included
const SPAN_DAYS = 85;

type Person = { id: number; username: string; name: string; role: "admin" | "member" };

async function drift(db: Parameters<typeof queryRows>[0]) {
  return [
    ...(await queryRows(db, sql.raw(ROLLUP_DRIFT_SQL))),
    ...(await queryRows(db, sql.raw(READ_MODEL_DRIFT_SQL))),
  ];
}

/** The leaderboard and models figures straight from the daily rows, for one period and provider filter. */
async function direct(db: Parameters<typeof queryRows>[0], from: string, to: string, claude: boolean) {
  const where = sql`date between ${from} and ${to}${claude ? sql` and provider = 'anthropic'` : sql``}`;
  const people = await queryRows<Record<string, string>>(
    db,
    sql`select user_id, sum(cost) as cost, sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) as tokens,
          count(distinct date) as days
        from model_usage where ${where} group by user_id`,
  );
  const [team] = await queryRows<Record<string, string>>(
    db,
    sql`select coalesce(sum(cost), 0) as cost, count(distinct user_id) as people,
          count(distinct (user_id, date)) as person_days
        from model_usage where ${where}`,
  );
  const models = await queryRows<Record<string, string>>(
    db,
    sql`select model, sum(cost) as cost, count(distinct user_id) as people, count(distinct date) as days
        from model_usage where ${where} group by model`,
  );
  const daily = await queryRows<Record<string, string>>(
    db,
    sql`select date::text as date, u.username, model, sum(cost) as cost
        from model_usage join users u on u.id = user_id where ${where} group by 1, 2, 3`,
  );
  return { people, team, models, daily };
}

const round = (n: number | string) => Math.round(Number(n) * 1e6) / 1e6;

/** A batch of api_request events as Claude Code exports them: some new, some repeats of earlier ones. */
function telemetryBatch(rand: () => number, sent: string[]) {
  const records = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
    const repeat = sent.length > 0 && rand() < 0.3;
    const requestId = repeat
      ? sent[Math.floor(rand() * sent.length)]
      : `req-${sent.length}-${Math.floor(rand() * 1e9)}`;
    if (!repeat) sent.push(requestId);
    // A record's day and usage follow from its id, so a repeat is the very record sent before.
    const seed = [...requestId].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_003, 7);
    const date = addDays(FIRST_DAY, seed % SPAN_DAYS);
    return {
      timeUnixNano: String(BigInt(Date.parse(`${date}T12:00:00Z`)) * 1_000_000n),
      attributes: [
        { key: "event.name", value: { stringValue: "api_request" } },
        { key: "request_id", value: { stringValue: requestId } },
        { key: "model", value: { stringValue: MODELS[seed % MODELS.length] } },
        { key: "input_tokens", value: { intValue: 1 + (seed % 5000) } },
        { key: "cache_read_tokens", value: { intValue: seed % 300 } },
        { key: "cost_usd", value: { doubleValue: (seed % 1000) / 997 } },
      ],
    };
  });
  const host = ["laptop", "desktop", undefined][Math.floor(rand() * 3)];
  return {
    resourceLogs: [
      {
        resource: { attributes: host ? [{ key: "host.name", value: { stringValue: host } }] : [] },
        scopeLogs: [{ logRecords: records }],
      },
    ],
  };
}

describeEachDriver("monthly rollups", ({ database }) => {
  it("equal the raw aggregates after any sequence of uploads, telemetry and deletions", async () => {
    const rand = random(20261122);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
    const day = () => addDays(FIRST_DAY, Math.floor(rand() * SPAN_DAYS));
    const people: Person[] = [];
    const newPerson = async () => {
      const user = await createUser({ username: uniqueName("roll"), role: "member" }, CLI);
      people.push({ ...user, name: user.username });
    };
    for (let i = 0; i < 3; i++) await newPerson();

    const steps: string[] = [];
    const sent = new Map<number, string[]>();
    const overrides = new Map<string, { priceKey: string; from: string }>();
    for (let step = 0; step < 40; step++) {
      const person = pick(people);
      const roll = rand();
      if (roll >= 0.45 && roll < 0.6) {
        // Telemetry: the person-days it reaches are counted from it from now on, not from uploads.
        if (!sent.has(person.id)) sent.set(person.id, []);
        const request = telemetryBatch(rand, sent.get(person.id)!);
        steps.push(
          `${person.name}: telemetry, ${request.resourceLogs[0].scopeLogs[0].logRecords.length} requests`,
        );
        const now = new Date(`${addDays(FIRST_DAY, SPAN_DAYS + 1)}T00:00:00Z`);
        const read = readApiRequests(logRecords(request), { now, oldest: new Date(0) });
        await recordApiRequests(
          { kind: "personal", keyId: person.id, person: { ...person, role: "member" } },
          read,
          {
            now,
            timezone: "UTC",
          },
        );
      } else if (roll < 0.6) {
        const days: Record<string, Record<string, [number, number]>> = {};
        const count = 1 + Math.floor(rand() * (rand() < 0.2 ? 60 : 8));
        for (let d = 0; d < count; d++) {
          const models = MODELS.filter(() => rand() < 0.5);
          days[day()] = Object.fromEntries(
            (models.length ? models : [MODELS[0]]).map((m) => [
              m,
              // Some at $0, as older ccusage versions report models they cannot price.
              [1 + Math.floor(rand() * 5000), rand() < 0.3 ? 0 : Math.round(rand() * 1e6) / 1e5],
            ]),
          );
        }
        const json = dailyReport(days);
        const mode = rand() < 0.3 ? "replace" : "merge";
        const machine = pick(["laptop", "desktop"]);
        steps.push(`${person.name}: ${mode} ${count} days on ${machine}`);
        await ingestUsage({
          by: { ...person, role: "member" },
          machine,
          report: parseReport(json),
          mode,
          dryRun: false,
        });
      } else if (roll < 0.8) {
        const from = day();
        const to = addDays(from, Math.floor(rand() * 40));
        steps.push(`${person.name}: delete ${from}..${to}`);
        await deleteUsageRange(person, from, to);
      } else if (roll < 0.9) {
        const machine = pick(["laptop", "desktop"]);
        steps.push(`${person.name}: delete machine ${machine}`);
        await deleteMachine(person, machine).catch((e: Error) => {
          if (!/no machine/i.test(e.message)) throw e;
        });
      } else if (roll < 0.95) {
        // A price change reprices the history it applies to, rollups included.
        const priceKey = catalogEntry(pick(MODELS)).priceKey;
        const from = day();
        const action = rand();
        const input = Math.round(rand() * 2000) / 100;
        const prices =
          action < 0.6
            ? {
                input,
                output: input * 5,
                cacheRead: input / 10,
                cacheWrite: input * 1.25,
                cacheWrite1h: input * 2,
              }
            : null;
        steps.push(`admin: ${priceKey} ${prices ? `at $${input}` : "back to the price book"} from ${from}`);
        const set = await setPriceOverride(CLI, { priceKey, from, prices }).catch((e: AppError) => {
          if (e.code !== "not_found") throw e; // nobody has used that model yet
        });
        if (set) overrides.set(`${priceKey} ${from}`, { priceKey, from });
      } else {
        steps.push(`${person.name}: delete account, add a new person`);
        await deleteUser(person.username, CLI);
        people.splice(people.indexOf(person), 1);
        await newPerson();
      }
      expect({ steps, drift: await drift(database().db) }).toEqual({ steps, drift: [] });
    }

    expect(steps.filter((s) => s.includes("telemetry")).length).toBeGreaterThan(2);
    expect(steps.filter((s) => s.startsWith("admin:")).length).toBeGreaterThan(1);

    // The dashboard reads agree with the daily rows for periods cutting months anywhere.
    const ours = new Set(people.map((p) => p.id));
    for (let i = 0; i < 12; i++) {
      const from = addDays(FIRST_DAY, Math.floor(rand() * SPAN_DAYS) - 10);
      const to = addDays(from, Math.floor(rand() * 70));
      const provider = rand() < 0.5 ? "claude" : "all";
      const scope = await resolveScope(parseStatsQuery({ range: "custom", from, to, provider }));
      const board = await getLeaderboard(scope, { sort: "cost", limit: 1000 });
      const models = await getModels(scope, { sort: "cost", limit: 1000 });
      const expected = await direct(database().db, from, to, provider === "claude");
      const label = `${from}..${to} ${provider}`;

      const byName = new Map(people.map((p) => [p.username, p.id]));
      const actualPeople = board.rows
        .filter((r) => ours.has(byName.get(r.username) ?? -1))
        .map((r) => ({
          id: byName.get(r.username),
          cost: round(r.cost),
          tokens: r.totalTokens,
          days: r.activeDays,
        }))
        .sort((a, b) => a.id! - b.id!);
      const expectedPeople = expected.people
        .filter((r) => ours.has(Number(r.user_id)))
        .map((r) => ({
          id: Number(r.user_id),
          cost: round(r.cost),
          tokens: Number(r.tokens),
          days: Number(r.days),
        }))
        .sort((a, b) => a.id - b.id);
      expect({ label, people: actualPeople }).toEqual({ label, people: expectedPeople });
      expect({
        label,
        cost: round(board.team.cost),
        people: board.team.activePeople,
        days: board.team.activePersonDays,
      }).toEqual({
        label,
        cost: round(expected.team.cost),
        people: Number(expected.team.people),
        days: Number(expected.team.person_days),
      });
      // Daily charts: each day's stack adds up to the team's day; named people and models match theirs.
      const byPerson = await getTeamDailyCost(scope, "person");
      const byModel = await getTeamDailyCost(scope, "model");
      const modelDaily = await getModelDaily(scope);
      const expectedDay = (date: string, pick: (r: Record<string, string>) => boolean = () => true) =>
        round(
          expected.daily.filter((r) => r.date === date && pick(r)).reduce((n, r) => n + Number(r.cost), 0),
        );
      for (const chart of [byPerson.points, byModel.points, modelDaily.cost])
        for (const point of chart) {
          const stacked = round(Object.values(point.values).reduce((n, v) => n + v, 0));
          expect({ label, date: point.date, stacked }).toEqual({
            label,
            date: point.date,
            stacked: expectedDay(point.date),
          });
        }
      const named: [typeof byPerson.points, "username" | "model"][] = [
        [byPerson.points, "username"],
        [byModel.points, "model"],
        [modelDaily.cost, "model"],
      ];
      for (const [chart, column] of named)
        for (const point of chart)
          for (const [key, value] of Object.entries(point.values))
            if (key !== OTHER)
              expect({ label, key, value: round(value) }).toEqual({
                label,
                key,
                value: expectedDay(point.date, (r) => r[column] === key),
              });

      const sortModels = (rows: { model: string }[]) => rows.sort((a, b) => a.model.localeCompare(b.model));
      expect({
        label,
        models: sortModels(
          models.rows.map((r) => ({
            model: r.model,
            cost: round(r.cost),
            people: r.people,
            days: r.activeDays,
          })),
        ),
      }).toEqual({
        label,
        models: sortModels(
          expected.models.map((r) => ({
            model: r.model,
            cost: round(r.cost),
            people: Number(r.people),
            days: Number(r.days),
          })),
        ),
      });
    }
    // Other files share the PostgreSQL database: the overrides go, and what they priced with them.
    for (const o of overrides.values()) await removePriceOverride(CLI, o.priceKey, o.from);
    expect(await drift(database().db)).toEqual([]);
  }, 120_000);

  it("stay exact when many people upload overlapping days at once (no deadlock, no lost update)", async () => {
    const people = await Promise.all(
      Array.from({ length: 8 }, () => createUser({ username: uniqueName("conc"), role: "member" }, CLI)),
    );
    // Every upload touches the same team rows (same days, same models), in different orders of days.
    const report = (shift: number) => {
      const days: Record<string, Record<string, [number, number]>> = {};
      for (let d = 0; d < 40; d++) {
        const date = addDays("2026-06-20", (d * 7 + shift) % 40);
        days[date] = { "claude-sonnet-4-5": [100 + d, 0.5], "gpt-5-codex": [50, 0.25] };
      }
      return dailyReport(days);
    };
    await Promise.all(
      people.flatMap((person, i) =>
        ["laptop", "desktop"].map((machine, m) => {
          const json = report(i * 3 + m);
          return ingestUsage({
            by: { ...person, role: "member" },
            machine,
            report: parseReport(json),
            mode: "merge",
            dryRun: false,
          });
        }),
      ),
    );
    expect(await drift(database().db)).toEqual([]);
    const [day] = await queryRows<{ people: number }>(
      database().db,
      sql`select people from model_day_usage where date = '2026-06-20' and model = 'gpt-5-codex'`,
    );
    expect(Number(day.people)).toBeGreaterThanOrEqual(8);
  });
});
