import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { OTLP_TYPES } from "@/lib/otel/proto";
import type { Encoding, Signal } from "@/lib/otel/records";

/** Real Claude Code telemetry: ../shared/fixtures/claude-code-otel, copied to test/fixtures/claude-code-otel. */
export const OTEL_FIXTURES = path.resolve("test/fixtures/claude-code-otel");

export interface OtelCapture {
  /** The person the capture is for: json (sam), protobuf (kim), protobuf-gzip (lee). */
  tag: "json" | "protobuf" | "protobuf-gzip";
  file: string;
  signal: Signal;
  encoding: Encoding;
  gzip: boolean;
  /** The body as it was sent (gzipped where the exporter gzipped it). */
  body: Buffer;
}

export function otelCaptures(): OtelCapture[] {
  return fs
    .readdirSync(OTEL_FIXTURES)
    .filter((f) => /^(json|protobuf|protobuf-gzip)-\d{3}-(logs|metrics)\./.test(f))
    .sort()
    .map((file) => {
      const tag = /^(protobuf-gzip|protobuf|json)-/.exec(file)![1] as OtelCapture["tag"];
      return {
        tag,
        file,
        signal: file.includes("-logs.") ? "logs" : "metrics",
        encoding: tag === "json" ? "json" : "protobuf",
        gzip: file.endsWith(".gz"),
        body: fs.readFileSync(path.join(OTEL_FIXTURES, file)),
      };
    });
}

export const unzipped = (capture: OtelCapture) =>
  capture.gzip ? zlib.gunzipSync(capture.body) : capture.body;

/**
 * A capture as an OTLP/JSON object: parsed, or decoded by protobufjs from the full schema (the reference
 * the receiver's own protobuf reader is checked against).
 */
export function requestObject(capture: OtelCapture): Record<string, unknown> {
  const body = unzipped(capture);
  if (capture.encoding === "json") return JSON.parse(body.toString("utf8"));
  const type = capture.signal === "logs" ? OTLP_TYPES.logsRequest : OTLP_TYPES.metricsRequest;
  return type.toObject(type.decode(body), { longs: String, bytes: String, oneofs: false });
}

export interface Billed {
  person: "sam" | "kim" | "lee";
  model: string;
  requestId: string;
  input: number;
  output: number;
  cacheCreation: number;
  cacheCreation5m: number;
  cacheCreation1h: number;
  cacheRead: number;
}

/** What the fake model API billed for the captured runs: the ground truth. */
export function billed(): Billed[] {
  return fs
    .readFileSync(path.join(OTEL_FIXTURES, "billed.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

export const PERSON_OF_TAG = { json: "sam", protobuf: "kim", "protobuf-gzip": "lee" } as const;

/** An OTLP/JSON metrics export of one sum metric's data points. */
export function sumExport(name: string, temporality: 1 | 2, dataPoints: Record<string, unknown>[]) {
  return {
    resourceMetrics: [
      { scopeMetrics: [{ metrics: [{ name, sum: { aggregationTemporality: temporality, dataPoints } }] }] },
    ],
  };
}
