import fs from "node:fs";
import path from "node:path";
import { OTLP_TYPES } from "@/lib/otel/proto";
import { percentile } from "./stats";

// The telemetry scenario: many Claude Code sessions exporting their logs at once, as protobuf, in batches
// shaped like the real captures (each session's api_request events among its other events), every
// api_request new. Measures events per second, each export's latency and the server's memory over time.

/**
 * Sessions whose records one export carries, in the run the targets are checked on. Claude Code exports
 * each session's records every few seconds; a machine running several sessions, or a collector, sends
 * a few sessions' worth at once.
 */
export const SESSIONS_PER_EXPORT = 5;

/** Other export sizes measured: exactly a capture (one session), and a collector's large batch. */
export const OTHER_SESSIONS_PER_EXPORT = [1, 20];

const CAPTURE = path.resolve("test/fixtures/claude-code-otel/json-003-logs.json");

type Json = Record<string, unknown>;
type Attribute = { key: string; value: Record<string, unknown> };
type LogRecordJson = { timeUnixNano: string; attributes: Attribute[] };

/** Where an export's serial goes in its ids: a fixed width, so encoded exports differ only in these bytes. */
const SERIAL = "#".repeat(12);

/**
 * Export bodies of SESSIONS_PER_EXPORT sessions each, every one new: the capture's records with fresh
 * session and request ids. Returns the JSON form (for the SQL floor) and the protobuf (HTTP); the protobuf
 * is one encoded template with each export's serial written into its ids, so that making the load takes
 * next to no CPU from the server under test.
 */
export function exportMaker(seed: string, sessions = SESSIONS_PER_EXPORT) {
  const template = JSON.parse(fs.readFileSync(CAPTURE, "utf8")) as {
    resourceLogs: { resource: Json; scopeLogs: { scope: Json; logRecords: LogRecordJson[] }[] }[];
  };
  const records = template.resourceLogs[0].scopeLogs[0].logRecords;
  const apiRequests = records.filter((r) => r.attributes.some((a) => a.value.stringValue === "api_request"));
  const now = BigInt(Date.now()) * 1_000_000n;
  const withSerial = (serial: string): Json => {
    const batch = Array.from({ length: sessions }, (_, s) =>
      records.map((r, i) => ({
        ...r,
        timeUnixNano: String(now + BigInt(i)),
        observedTimeUnixNano: String(now + BigInt(i)),
        attributes: r.attributes.map((a) => {
          if (a.key === "session.id") return { key: a.key, value: { stringValue: `${seed}-${s}-${serial}` } };
          if (a.key === "request_id")
            return { key: a.key, value: { stringValue: `req-${seed}-${s}-${i}-${serial}` } };
          return a;
        }),
      })),
    );
    return {
      resourceLogs: [
        {
          resource: template.resourceLogs[0].resource,
          scopeLogs: [{ scope: template.resourceLogs[0].scopeLogs[0].scope, logRecords: batch.flat() }],
        },
      ],
    };
  };
  const type = OTLP_TYPES.logsRequest;
  const encoded = Buffer.from(type.encode(type.fromObject(withSerial(SERIAL))).finish());
  const offsets: number[] = [];
  for (let at = encoded.indexOf(SERIAL); at >= 0; at = encoded.indexOf(SERIAL, at + SERIAL.length))
    offsets.push(at);
  let serial = 0;
  const next = () => String(serial++).padStart(SERIAL.length, "0");
  return {
    json: () => withSerial(next()),
    protobuf: () => {
      const body = Buffer.from(encoded);
      const digits = next();
      for (const at of offsets) body.write(digits, at, "latin1");
      return body;
    },
    apiRequestsPerExport: apiRequests.length * sessions,
  };
}

/** RSS (MB) of a process, from /proc. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return kb / 1024;
}

export interface TelemetryRun {
  sessions: number;
  apiRequestsPerExport: number;
  exports: number;
  exportsPerSecond: number;
  apiRequestsPerSecond: number;
  p50: number;
  p95: number;
  /** The server's RSS (MB) once a second. */
  rss: number[];
}

/** Exports for `seconds` at `concurrency`, each sender with its own key; samples the server's memory. */
export async function exportFor(options: {
  base: string;
  keys: string[];
  seconds: number;
  concurrency: number;
  serverPid: number;
  sessions?: number;
}): Promise<TelemetryRun> {
  const makers = options.keys.map((_, i) => exportMaker(`http-${i}-${Date.now()}`, options.sessions));
  const durations: number[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(options.serverPid)), 1000);
  const started = performance.now();
  const end = started + options.seconds * 1000;
  let exports = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let n = worker; performance.now() < end; n += options.concurrency) {
        const k = n % options.keys.length;
        const body = makers[k].protobuf();
        const t = performance.now();
        const response = await fetch(`${options.base}/api/otel/v1/logs`, {
          method: "POST",
          headers: { Authorization: `Bearer ${options.keys[k]}`, "Content-Type": "application/x-protobuf" },
          body,
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`telemetry export: ${response.status}`);
        durations.push(performance.now() - t);
        exports++;
      }
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  return {
    sessions: options.sessions ?? SESSIONS_PER_EXPORT,
    apiRequestsPerExport: makers[0].apiRequestsPerExport,
    exports,
    exportsPerSecond: exports / seconds,
    apiRequestsPerSecond: (exports * makers[0].apiRequestsPerExport) / seconds,
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    rss,
  };
}

/**
 * Memory growth over a run: the last ten samples' mean against seconds 10 to 20 (once the server is warm),
 * or, for a run shorter than 30 s, the last sample against the first.
 */
export function memoryGrowth(rss: number[]): { startMb: number; endMb: number; growth: number } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const long = rss.length >= 30;
  const startMb = long ? mean(rss.slice(10, 20)) : (rss[0] ?? 0);
  const endMb = long ? mean(rss.slice(-10)) : (rss.at(-1) ?? 0);
  return { startMb, endMb, growth: startMb ? endMb / startMb - 1 : 0 };
}
