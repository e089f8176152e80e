import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { driverOf, takeMember, type Member } from "./accounts";
import { startFakeAnthropic, WRITTEN_LINES, type Billed } from "./fake-anthropic";

// The real Claude Code CLI (npm @anthropic-ai/claude-code), headless against a fake Messages API, sends
// its telemetry to the app over http/json, http/protobuf and protobuf+gzip: the dashboard must show what
// the fake billed, token type by token type, and the lines its Write tool wrote. Then ccusage reads the
// transcripts of the same runs and uploads them: the person-days must not count twice.

const run = promisify(execFile);
const CLAUDE = path.resolve("node_modules/.bin/claude");
const CCUSAGE = path.resolve("node_modules/.bin/ccusage");

const PROTOCOLS = [
  { name: "json", env: { OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" } },
  { name: "protobuf", env: { OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" } },
  {
    name: "gzip",
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf", OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" },
  },
];

const sum = (rows: Billed[], field: keyof Billed) => rows.reduce((n, r) => n + Number(r[field]), 0);

test("the real Claude Code's telemetry shows what the model API billed, once, alongside ccusage uploads", async ({
  baseURL,
  request,
  page,
}, info) => {
  test.setTimeout(180_000);
  const fake = await startFakeAnthropic();
  try {
    for (const protocol of PROTOCOLS) {
      const member: Member = takeMember(driverOf(info));
      const home = fs.mkdtempSync(path.join(os.tmpdir(), `ccs-claude-${protocol.name}-`));
      const project = path.join(home, "project");
      fs.mkdirSync(project);
      const env: Record<string, string | undefined> = {
        PATH: process.env.PATH,
        HOME: home,
        TZ: "UTC",
        ANTHROPIC_BASE_URL: fake.url,
        ANTHROPIC_API_KEY: "not-a-real-key",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        CLAUDE_CODE_ENABLE_TELEMETRY: "1",
        OTEL_METRICS_EXPORTER: "otlp",
        OTEL_LOGS_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_ENDPOINT: `${baseURL}/api/otel`,
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${member.key}`,
        OTEL_METRIC_EXPORT_INTERVAL: "1000",
        OTEL_LOGS_EXPORT_INTERVAL: "500",
        OTEL_RESOURCE_ATTRIBUTES: `host.name=${protocol.name}-box`,
        ...protocol.env,
      };
      // Not execFileSync: the fake API answers from this process, which must keep running meanwhile.
      const claude = (prompt: string, ...args: string[]) =>
        run(CLAUDE, ["-p", `[person:${member.username}] ${prompt}`, "--model", "claude-opus-4-6", ...args], {
          cwd: project,
          env: env as NodeJS.ProcessEnv,
          timeout: 60_000,
        });
      // Three runs of one session; the second writes a file through the Write tool.
      await claude("hello");
      await claude(
        `WRITE_FILE ${path.join(project, "notes.txt")} please`,
        "--continue",
        "--allowedTools",
        "Write",
      );
      await claude("thanks", "--continue");
      expect(fs.readFileSync(path.join(project, "notes.txt"), "utf8").split("\n")).toEqual(WRITTEN_LINES);

      const truth = fake.billed.filter((b) => b.person === member.username);
      expect(truth.length).toBeGreaterThanOrEqual(4); // hello, the tool call and its result, thanks
      const expected = {
        inputTokens: sum(truth, "input"),
        outputTokens: sum(truth, "output"),
        cacheCreationTokens: sum(truth, "cacheCreation5m") + sum(truth, "cacheCreation1h"),
        cacheReadTokens: sum(truth, "cacheRead"),
      };
      const usage = async () =>
        (await request.get(`/api/v1/users/${member.username}/usage?range=all`)).json();
      // Each run flushes its telemetry as it exits; the receiver counts it within the request.
      await expect.poll(async () => (await usage()).totals, { timeout: 20_000 }).toMatchObject(expected);
      const { activity, machines } = await usage();
      expect(activity).toMatchObject({ sessions: 3, lines_added: WRITTEN_LINES.length, edits_accepted: 1 });
      expect(machines.map((m: { name: string }) => m.name)).toEqual([`${protocol.name}-box`]);

      // ccusage's report of the same transcripts, uploaded: the day is telemetry's and counts once.
      const printed = execFileSync(CCUSAGE, ["claude", "daily", "--json", "--offline"], {
        env: { ...process.env, CLAUDE_CONFIG_DIR: path.join(home, ".claude"), TZ: "UTC" },
        encoding: "utf8",
      });
      const report = JSON.parse(printed);
      expect(report.totals).toMatchObject({
        inputTokens: expected.inputTokens,
        outputTokens: expected.outputTokens,
      });
      const uploaded = await request.post("/api/v1/usage", {
        headers: {
          Authorization: `Bearer ${member.key}`,
          "X-Machine-Id": `${protocol.name}-box`,
          "Content-Type": "application/json",
          Cookie: "",
        },
        data: Buffer.from(printed),
      });
      expect(uploaded.status()).toBe(200);
      const result = await uploaded.json();
      expect(result.days.map((d: { countedFrom: string }) => d.countedFrom)).toEqual(["telemetry"]);
      expect(result.warnings.map((w: { code: string }) => w.code)).toContain("counted_from_telemetry");
      expect((await usage()).totals).toMatchObject(expected);
      fs.rmSync(home, { recursive: true, force: true });

      if (protocol.name === "json") {
        // The person page shows the session's activity.
        await page.goto(`/users/${member.username}?range=all`);
        await expect(page.getByTestId("activity-lines")).toContainText(`${WRITTEN_LINES.length} / 0`);
        await expect(page.getByTestId("activity-sessions")).toHaveText("3");
      }
    }
  } finally {
    await fake.close();
  }
});
