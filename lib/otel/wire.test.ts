import { describe, expect, it } from "vitest";
import { otelCaptures, requestObject, unzipped } from "@/test/otel-fixtures";
import { OTLP_TYPES } from "./proto";
import { dataPoints, decodeLogs, decodeMetrics, logRecords, OtlpDecodeError } from "./records";

// The receiver reads protobuf with its own reader (wire.ts); protobufjs with the full schema, read back
// as JSON, is the reference it must agree with, record for record.

type Json = Record<string, unknown>;

const encode = (signal: "logs" | "metrics", request: Json) => {
  const type = signal === "logs" ? OTLP_TYPES.logsRequest : OTLP_TYPES.metricsRequest;
  return type.encode(type.fromObject(request)).finish();
};

const reference = (signal: "logs" | "metrics", bytes: Uint8Array) => {
  const type = signal === "logs" ? OTLP_TYPES.logsRequest : OTLP_TYPES.metricsRequest;
  const object = type.toObject(type.decode(bytes), { longs: String, bytes: String, oneofs: false });
  return signal === "logs" ? logRecords(object) : dataPoints(object);
};

const wire = (signal: "logs" | "metrics", bytes: Uint8Array) =>
  signal === "logs" ? decodeLogs("protobuf", bytes) : decodeMetrics("protobuf", bytes);

const attribute = (key: string, value: Json) => ({ key, value });

describe("the protobuf reader", () => {
  it.each(otelCaptures().map((c) => [c.file, c] as const))("reads %s as the reference does", (_, capture) => {
    const bytes =
      capture.encoding === "protobuf" ? unzipped(capture) : encode(capture.signal, requestObject(capture));
    const records = wire(capture.signal, bytes);
    expect(records.length).toBeGreaterThan(0);
    expect(records).toEqual(reference(capture.signal, bytes));
    if (capture.encoding === "json") {
      // And as the JSON reader reads the same export sent as JSON.
      const json =
        capture.signal === "logs"
          ? decodeLogs("json", unzipped(capture))
          : decodeMetrics("json", unzipped(capture));
      expect(records).toEqual(json);
    }
  });

  it("reads every kind of value, large and negative integers, and skips what it does not use", () => {
    let nested: Json = { stringValue: "bottom" };
    for (let i = 0; i < 12; i++) nested = { kvlistValue: { values: [attribute(`level${i}`, nested)] } };
    const logs = {
      resourceLogs: [
        {
          resource: { attributes: [attribute("service.name", { stringValue: "claude-code" })] },
          schemaUrl: "https://opentelemetry.io/schemas/1.0",
          scopeLogs: [
            {
              scope: { name: "com.anthropic.claude_code.events", version: "2.1.332" },
              logRecords: [
                {
                  timeUnixNano: "18446744073709551615",
                  observedTimeUnixNano: "1764597600000000001",
                  severityNumber: 9,
                  severityText: "INFO",
                  eventName: "claude_code.api_request",
                  traceId: "AAECAwQFBgcICQoLDA0ODw==",
                  body: { stringValue: "claude_code.api_request" },
                  attributes: [
                    attribute("s", { stringValue: "é ✓ 🙂" }),
                    attribute("b", { boolValue: true }),
                    attribute("f", { boolValue: false }),
                    attribute("i", { intValue: "-42" }),
                    attribute("big", { intValue: "9007199254740993" }),
                    attribute("d", { doubleValue: 0.25 }),
                    attribute("a", { arrayValue: { values: [{ stringValue: "x" }, { intValue: "1" }, {}] } }),
                    attribute("bytes", { bytesValue: "AQID" }),
                    attribute("empty", {}),
                    attribute("deep", nested),
                  ],
                },
                { attributes: [attribute("only", { stringValue: "attributes" })] },
              ],
            },
          ],
        },
        { scopeLogs: [{ logRecords: [{ body: { intValue: "7" } }] }] },
      ],
    };
    const bytes = encode("logs", logs);
    const records = decodeLogs("protobuf", bytes);
    expect(records).toEqual(reference("logs", bytes));
    expect(records).toEqual(decodeLogs("json", Buffer.from(JSON.stringify(logs))));
    expect(records[0]).toMatchObject({
      timeUnixNano: "18446744073709551615",
      resource: { "service.name": "claude-code" },
      attributes: { s: "é ✓ 🙂", b: true, i: -42, d: 0.25, a: ["x", 1, null], bytes: "AQID", empty: null },
    });
    expect(records[2]).toMatchObject({ timeUnixNano: "0", body: 7, resource: {} });

    const metrics = {
      resourceMetrics: [
        {
          resource: { attributes: [attribute("host.arch", { stringValue: "arm64" })] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "claude_code.lines_of_code.count",
                  unit: "count",
                  sum: {
                    aggregationTemporality: 1,
                    isMonotonic: true,
                    dataPoints: [
                      {
                        startTimeUnixNano: "1",
                        timeUnixNano: "2",
                        asInt: "-3",
                        attributes: [attribute("type", { stringValue: "added" })],
                      },
                      { startTimeUnixNano: "1", timeUnixNano: "3", asDouble: 1.5, flags: 1 },
                    ],
                  },
                },
                { name: "claude_code.gauge", gauge: { dataPoints: [{ timeUnixNano: "4", asDouble: 2 }] } },
                { name: "claude_code.other", description: "no data" },
              ],
            },
          ],
        },
      ],
    };
    const metricBytes = encode("metrics", metrics);
    const points = decodeMetrics("protobuf", metricBytes);
    expect(points).toEqual(reference("metrics", metricBytes));
    expect(points).toEqual(decodeMetrics("json", Buffer.from(JSON.stringify(metrics))));
    expect(points.map((p) => [p.metric, p.temporality, p.value])).toEqual([
      ["claude_code.lines_of_code.count", 1, -3],
      ["claude_code.lines_of_code.count", 1, 1.5],
      ["claude_code.gauge", 0, 2],
    ]);
  });

  it("reads the resource wherever it comes in its message", () => {
    // Field order on the wire is the sender's choice: scope_logs (field 2) before resource (field 1).
    const scopeLogs = OTLP_TYPES.logsRequest.lookupType("otlp.ScopeLogs");
    const resource = OTLP_TYPES.logsRequest.lookupType("otlp.Resource");
    const scope = scopeLogs
      .encode(scopeLogs.fromObject({ logRecords: [{ body: { stringValue: "x" } }] }))
      .finish();
    const res = resource
      .encode(resource.fromObject({ attributes: [attribute("k", { stringValue: "v" })] }))
      .finish();
    const resourceLogs = Buffer.concat([
      Buffer.from([0x12, scope.length]),
      scope,
      Buffer.from([0x0a, res.length]),
      res,
    ]);
    const body = Buffer.concat([Buffer.from([0x0a, resourceLogs.length]), resourceLogs]);
    expect(decodeLogs("protobuf", body)).toMatchObject([{ body: "x", resource: { k: "v" } }]);
  });

  it("turns any damaged body into an OtlpDecodeError or some records, never another error", () => {
    const bodies = otelCaptures()
      .filter((c) => c.encoding === "protobuf" && !c.gzip)
      .map((c) => ({ signal: c.signal, bytes: unzipped(c) }));
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let failures = 0;
    for (const { signal, bytes } of bodies) {
      for (let i = 0; i < 300; i++) {
        const damaged = Buffer.from(bytes.subarray(0, Math.floor(random() * bytes.length)));
        for (let flips = Math.floor(random() * 4); flips > 0 && damaged.length; flips--)
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        try {
          expect(Array.isArray(wire(signal, damaged))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(OtlpDecodeError);
          failures++;
        }
      }
    }
    expect(failures).toBeGreaterThan(100);
  });

  it("refuses a known field with the wrong wire type", () => {
    // resource_logs (field 1) as a varint.
    expect(() => decodeLogs("protobuf", Buffer.from([0x08, 0x01]))).toThrow(/field 1 has wire type 0/);
  });
});
