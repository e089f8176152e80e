import { describe, expect, it } from "vitest";
import { billed, otelCaptures, PERSON_OF_TAG, sumExport, unzipped } from "@/test/otel-fixtures";
import { decodeLogs, decodeMetrics, OtlpDecodeError } from "./records";
import { increments, readActivity, readApiRequests, TELEMETRY_MACHINE } from "./telemetry";

const window = { now: new Date("2026-12-02T00:00:00Z"), oldest: new Date("2026-11-01T00:00:00Z") };
type Capture = ReturnType<typeof otelCaptures>[number];
const logsOf = (capture: Capture) => decodeLogs(capture.encoding, unzipped(capture));
const pointsOf = (capture: Capture) => decodeMetrics(capture.encoding, unzipped(capture));

describe("Claude Code's telemetry, read from the real captures", () => {
  const captures = otelCaptures();

  it("has every kind of capture", () => {
    expect(new Set(captures.map((c) => `${c.tag}/${c.signal}`)).size).toBe(6);
  });

  it.each(["json", "protobuf", "protobuf-gzip"] as const)(
    "%s: the api_request events add up to what the model API billed, token type by token type",
    (tag) => {
      const requests = captures
        .filter((c) => c.tag === tag && c.signal === "logs")
        .flatMap((c) => readApiRequests(logsOf(c), window).requests);
      const truth = billed().filter((b) => b.person === PERSON_OF_TAG[tag]);
      expect(requests.map((r) => r.dedupeKey).sort()).toEqual(truth.map((b) => `req:${b.requestId}`).sort());
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      expect({
        input: sum(requests.map((r) => r.inputTokens)),
        output: sum(requests.map((r) => r.outputTokens)),
        cacheRead: sum(requests.map((r) => r.cacheReadTokens)),
        cacheCreation: sum(requests.map((r) => r.cacheCreationTokens)),
        cacheCreation5m: sum(requests.map((r) => r.cacheCreation5mTokens)),
        cacheCreation1h: sum(requests.map((r) => r.cacheCreation1hTokens)),
      }).toEqual({
        input: sum(truth.map((b) => b.input)),
        output: sum(truth.map((b) => b.output)),
        cacheRead: sum(truth.map((b) => b.cacheRead)),
        cacheCreation: sum(truth.map((b) => b.cacheCreation)),
        cacheCreation5m: sum(truth.map((b) => b.cacheCreation5m)),
        cacheCreation1h: sum(truth.map((b) => b.cacheCreation1h)),
      });
      expect(new Set(requests.map((r) => r.machine))).toEqual(new Set([TELEMETRY_MACHINE]));
      expect(new Set(requests.map((r) => r.version))).toEqual(new Set(["2.1.332"]));
    },
  );

  it.each(["json", "protobuf", "protobuf-gzip"] as const)(
    "%s: metrics give sessions, active time, lines and edit decisions; tokens and cost are not counted twice",
    (tag) => {
      const runs = captures.filter((c) => c.tag === tag && c.signal === "metrics");
      const activity = runs.flatMap((c) => readActivity(pointsOf(c), window).activity);
      const total = (metric: string) =>
        activity.filter((a) => a.metric === metric).reduce((n, a) => n + a.value, 0);
      // Each metrics capture is one `claude -p` run; the second run wrote a file with the Write tool.
      expect(total("sessions")).toBe(runs.length);
      expect(total("active_seconds")).toBeGreaterThan(0);
      expect(total("lines_added")).toBeGreaterThan(0);
      expect(activity.filter((a) => a.metric === "edits_accepted").map((a) => a.detail)).toEqual(["Write"]);
      expect(new Set(activity.map((a) => a.temporality))).toEqual(new Set([1]));
    },
  );
});

describe("counting rules", () => {
  it("adds delta points, and what cumulative points grew by, with resets and repeats", () => {
    const p = (temporality: 1 | 2, time: number, value: number) => ({
      temporality,
      timeUnixNano: String(time),
      value,
    });
    expect(increments([p(1, 10, 3), p(1, 20, 4)], null)).toEqual([3, 4]);
    // Cumulative: growth since the last stored point; a lower value is a reset (counts whole); an older
    // or repeated point adds nothing.
    expect(increments([p(2, 30, 12), p(2, 40, 15), p(2, 50, 2)], { timeUnixNano: "20", value: 10 })).toEqual([
      2, 3, 2,
    ]);
    expect(increments([p(2, 20, 10), p(2, 15, 9)], { timeUnixNano: "20", value: 10 })).toEqual([0, 0]);
    expect(increments([p(2, 5, 7)], null)).toEqual([7]);
  });

  it("refuses records with absurd values, and ignores unknown events and metrics", () => {
    const record = (attributes: Record<string, unknown>, time = "1796130935109000000") => ({
      timeUnixNano: time,
      observedTimeUnixNano: time,
      body: "claude_code.api_request",
      resource: { "host.name": "laptop", "service.version": "2.1.332" },
      attributes: { "event.name": "api_request", model: "claude-x", request_id: "r", ...attributes } as never,
    });
    const { requests, rejected, events } = readApiRequests(
      [
        record({ input_tokens: -1 }),
        record({ cost_usd: 1e9 }),
        record({ model: "" }),
        record({}, "1600000000000000000"),
        record({}, "1900000000000000000"),
        record({ input_tokens: 5 }),
        { ...record({}), attributes: { "event.name": "something_new" } },
      ],
      window,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ machine: "laptop", inputTokens: 5, dedupeKey: "req:r" });
    expect(Object.values(rejected).reduce((a, b) => a + b, 0)).toBe(5);
    expect(rejected["api_request: time before 2024"]).toBe(1);
    expect(events.something_new).toBe(1);
  });

  it("says what is wrong with a body that is not an export request", () => {
    expect(() => decodeLogs("json", Buffer.from("{not json"))).toThrow(OtlpDecodeError);
    expect(() => decodeLogs("json", Buffer.from('{"resourceLogs": 3}'))).toThrow(
      /resourceLogs must be an array/,
    );
    expect(() => decodeLogs("protobuf", Buffer.from([0x0a, 0xff, 0xff]))).toThrow(OtlpDecodeError);
    expect(decodeMetrics("protobuf", Buffer.alloc(0))).toEqual([]);
    // 64-bit integers as JSON numbers or strings alike.
    const points = decodeMetrics(
      "json",
      Buffer.from(
        JSON.stringify(
          sumExport("claude_code.commit.count", 2, [{ startTimeUnixNano: 1, timeUnixNano: "2", asInt: "3" }]),
        ),
      ),
    );
    expect(points).toMatchObject([{ temporality: 2, startTimeUnixNano: "1", timeUnixNano: "2", value: 3 }]);
  });
});
