import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseReport } from "@/lib/ccusage/parse";
import { dataPoints, logRecords } from "@/lib/otel/records";
import { readActivity, readApiRequests } from "@/lib/otel/telemetry";
import { CLI, type Person } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { describeEachDriver, uniqueName } from "@/test/database";
import { sumExport } from "@/test/otel-fixtures";
import { createUser } from "../accounts/users";
import { setBudget } from "../budgets/manage";
import { addMembers, createGroup } from "../groups/admin";
import { addWebhook } from "../alerts/webhooks";
import { createApiKey, revokeApiKey } from "../keys";
import { apiKeys, users } from "../schema";
import { recordActivity, recordApiRequests, type TelemetrySender } from "../telemetry";
import { ingestUsage } from "../upload";
import { readPersonExport } from "./person";
import { listExportPeople, readTeamExport, recordExport } from "./team";

const NOW = new Date("2026-12-01T14:00:00Z");
const window = { now: NOW, oldest: new Date("2026-11-01T00:00:00Z") };
const context = { now: NOW, timezone: "UTC" };

/** One billed API call of `tokens` input tokens on NOW, as Claude Code's telemetry sends it. */
const apiRequest = (tokens: number) => ({
  resourceLogs: [
    {
      scopeLogs: [
        {
          logRecords: [
            {
              timeUnixNano: String(BigInt(NOW.getTime()) * 1_000_000n),
              attributes: [
                { key: "event.name", value: { stringValue: "api_request" } },
                { key: "model", value: { stringValue: "claude-sonnet-4-5" } },
                { key: "input_tokens", value: { intValue: tokens } },
                { key: "cost_usd", value: { doubleValue: 0.5 } },
                { key: "request_id", value: { stringValue: uniqueName("req") } },
              ],
            },
          ],
        },
      ],
    },
  ],
});

/** Three commits on NOW (a delta sum). */
const commits = sumExport("claude_code.commit.count", 1, [
  {
    startTimeUnixNano: String(BigInt(NOW.getTime() - 60_000) * 1_000_000n),
    timeUnixNano: String(BigInt(NOW.getTime()) * 1_000_000n),
    asDouble: 3,
  },
]);

/** A person with uploads on two machines, telemetry, keys (one revoked), a group, a budget and audit entries. */
async function personWithData(admin: Person) {
  const user = await createUser(
    {
      username: uniqueName("exp"),
      displayName: "Exa Porter",
      email: `${uniqueName("exp")}@example.com`,
      role: "member",
      password: "a long password 1",
    },
    CLI,
  );
  const kept = await createApiKey({ userId: user.id, username: user.username, name: "laptop" }, user);
  const revoked = await createApiKey({ userId: user.id, username: user.username, name: "old" }, user);
  await revokeApiKey(String(revoked.id), admin);
  const upload = (machine: string, days: Parameters<typeof dailyReport>[0]) =>
    ingestUsage({ by: user, machine, report: parseReport(dailyReport(days)), mode: "merge", dryRun: false });
  await upload("laptop", { "2025-03-01": { "claude-a": [10, 0.25], "claude-b": [1, 0.5] } });
  await upload("desk", { "2025-03-02": { "claude-a": [20, 1] } });
  const sender: TelemetrySender = { kind: "personal", keyId: kept.id, person: user };
  await recordApiRequests(sender, readApiRequests(logRecords(apiRequest(42)), window), context);
  const points = dataPoints(commits);
  await recordActivity(sender, { ...readActivity(points, window), points: points.length }, context);
  const group = uniqueName("grp");
  await createGroup({ name: group, displayName: "Exporters" }, admin);
  await addMembers(group, [user.username], admin);
  await setBudget(
    user,
    { scope: "user", username: user.username },
    { monthlyUsd: 25, thresholds: [50, 100] },
  );
  return { user, kept, revoked, group };
}

describeEachDriver("data export", ({ database }) => {
  const newAdmin = () => createUser({ username: uniqueName("adm"), role: "admin" }, CLI);

  it("holds everything stored about the person, and no secret", async () => {
    const admin = await newAdmin();
    const { user, kept, revoked, group } = await personWithData(admin);
    const data = await readPersonExport(user, user.id);

    expect(data.profile).toMatchObject({
      username: user.username,
      displayName: "Exa Porter",
      role: "member",
      hiddenFromLeaderboard: false,
      disabledAt: null,
    });
    expect(data.keys.map((k) => [k.name, k.hint, k.revokedAt !== null])).toEqual([
      ["laptop", kept.hint, false],
      ["old", revoked.hint, true],
    ]);
    expect(data.keys[0].lastTelemetryAt).not.toBeNull();
    expect(data.machines.map((m) => m.name)).toEqual(["desk", "laptop", "telemetry"]);
    expect(data.uploads.map((u) => [u.machine, u.dayCount, u.uploadedBy])).toEqual([
      ["laptop", 1, user.username],
      ["desk", 1, user.username],
    ]);
    const usage = (input: number, cost: number) => ({
      inputTokens: input,
      outputTokens: 2 * input,
      cacheCreationTokens: 3 * input,
      cacheReadTokens: 4 * input,
      cost,
    });
    expect(data.dailyUsage).toEqual([
      { machine: "laptop", date: "2025-03-01", model: "claude-a", provider: "anthropic", ...usage(10, 0.25) },
      { machine: "laptop", date: "2025-03-01", model: "claude-b", provider: "anthropic", ...usage(1, 0.5) },
      { machine: "desk", date: "2025-03-02", model: "claude-a", provider: "anthropic", ...usage(20, 1) },
    ]);
    expect(data.telemetryUsage).toEqual([
      {
        machine: "telemetry",
        date: "2026-12-01",
        model: "claude-sonnet-4-5",
        provider: "anthropic",
        inputTokens: 42,
        outputTokens: 0,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        cost: 0.5,
        cacheCreation5mTokens: 0,
        cacheCreation1hTokens: 0,
        requests: 1,
      },
    ]);
    expect(data.telemetryActivity).toEqual([
      { machine: "telemetry", date: "2026-12-01", metric: "commits", detail: "", value: 3 },
    ]);
    expect(data.groups).toEqual([{ name: group, displayName: "Exporters", addedAt: expect.any(Date) }]);
    expect(data.budgets).toEqual([
      { monthlyUsd: 25, thresholds: [50, 100], createdAt: expect.any(Date), updatedAt: expect.any(Date) },
    ]);
    // What they did, and what was done to their account (by the CLI and an admin), in order.
    expect(data.audit.map((a) => [a.actor, a.action])).toEqual([
      ["cli", "user.create"],
      [user.username, "key.create"],
      [user.username, "key.create"],
      [admin.username, "key.revoke"],
      [admin.username, "group.add"],
      [user.username, "budget.set"],
    ]);

    // Neither the password hash nor any key (or its hash) is in the file.
    const json = JSON.stringify(data);
    const [stored] = await database()
      .db.select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.id, user.id));
    const hashes = await database()
      .db.select({ hash: apiKeys.keyHash })
      .from(apiKeys)
      .where(eq(apiKeys.userId, user.id));
    for (const secret of [stored.hash!, kept.key, revoked.key, ...hashes.map((h) => h.hash)])
      expect(json).not.toContain(secret);
    expect(json).not.toMatch(/passwordHash|keyHash|payload/);
  });

  it("leaves out other people's audit entries, and lets a member export only their own data", async () => {
    const admin = await newAdmin();
    const { user } = await personWithData(admin);
    const other = await createUser({ username: uniqueName("oth"), role: "member" }, CLI);
    await createApiKey({ userId: other.id, username: other.username, name: "theirs" }, other);
    const mine = await readPersonExport(user, user.id);
    expect(JSON.stringify(mine)).not.toContain(other.username);
    await expect(readPersonExport(other, user.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(readTeamExport(other)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listExportPeople(other)).rejects.toMatchObject({ code: "forbidden" });
    // An admin may read anyone's; recording an export is itself in the person's audit entries.
    await recordExport(admin, { person: user.username });
    const again = await readPersonExport(admin, user.id);
    expect(again.audit.at(-1)).toMatchObject({ actor: admin.username, action: "export.person" });
  });

  it("gives admins the team's settings, groups, budgets, webhooks without secrets, and everyone", async () => {
    const admin = await newAdmin();
    const { user, group } = await personWithData(admin);
    const secret = `s3cret-${uniqueName()}`;
    const token = "T0KEN".repeat(8);
    await addWebhook(admin, {
      url: `https://hooks.example.com/services/${token}`,
      format: "json",
      secret,
      digest: false,
    });
    const team = await readTeamExport(admin);
    expect(team.settings).toMatchObject({ teamName: expect.any(String), auditRetentionDays: null });
    expect(team.groups.find((g) => g.name === group)).toEqual({
      name: group,
      displayName: "Exporters",
      createdAt: expect.any(Date),
      members: [user.username],
    });
    expect(team.budgets.find((b) => b.user === user.username)).toMatchObject({
      scope: "user",
      group: null,
      monthlyUsd: 25,
    });
    const hook = team.webhooks.at(-1)!;
    expect(hook).toMatchObject({ url: "https://hooks.example.com/services/T0KE…", hasSecret: true });
    expect(team.audit.at(-1)).toMatchObject({ action: "webhook.add", actorName: admin.username });
    expect(JSON.stringify(team)).not.toContain(secret);
    expect(JSON.stringify(team)).not.toContain(token);
    const people = await listExportPeople(admin);
    expect(people).toContainEqual({ id: user.id, username: user.username });
    expect(people.map((p) => p.id)).toEqual([...people.map((p) => p.id)].sort((a, b) => a - b));
  });
});
