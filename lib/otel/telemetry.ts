import { createHash } from "node:crypto";
import { groupNameSchema } from "@/lib/group-name";
import { usdFromNumber } from "@/lib/money";
import { isStorableName } from "@/lib/path-segment";
import { providerOf, type Provider } from "@/lib/provider";
import { DAY_BOUNDS } from "@/lib/usage-bounds";
import type { Attributes, AttrValue, DataPoint, LogRecord } from "./records";

// What Claude Code's telemetry means for the dashboard (see README, "Claude Code's telemetry"):
// - tokens and cost come from `api_request` events only (every call is also in the token and cost metrics:
//   counting both would double it), each once, by its request id;
// - activity (sessions, active time, lines, commits, pull requests, edit decisions) comes from metrics;
// - who sent it is the key's owner, or with a team key the user with the record's `user.email`.

/** The earliest time a record may carry: Claude Code's telemetry is younger than this. */
export const EARLIEST_TELEMETRY = Date.UTC(2024, 0, 1);
/** How far ahead of the server's clock a record's time may be (machines' clocks drift). */
const FUTURE_SLACK_MS = 24 * 3_600_000;
/** The machine telemetry lands on when its resource names no host (OTEL_RESOURCE_ATTRIBUTES host.name). */
export const TELEMETRY_MACHINE = "telemetry";

/** Where a record came from, as every kind of record carries it. */
export interface Origin {
  /** The machine: the resource's host.name, or TELEMETRY_MACHINE. */
  machine: string;
  /** The record's user.email (lowercase), if Claude Code was signed in with an account. */
  email: string | null;
  /** Claude Code's version (the resource's service.version). */
  version: string | null;
  /**
   * The group the resource names under the team's telemetry group attribute (OTEL_RESOURCE_ATTRIBUTES,
   * e.g. team.id=platform), lowercased; null when grouping is off or the value is no group name.
   */
  group: string | null;
}

export interface ApiRequest extends Origin {
  /** request_id, or (session, sequence, time) for a record without one. */
  dedupeKey: string;
  time: Date;
  model: string;
  provider: Provider;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** All cache writes; the 5-minute and 1-hour parts where the event splits them. */
  cacheCreationTokens: number;
  cacheCreation5mTokens: number;
  cacheCreation1hTokens: number;
  /** Claude Code's own cost estimate, USD scaled by 1e10 (lib/money). */
  cost: bigint;
  sessionId: string | null;
}

export const ACTIVITY_METRICS = [
  "sessions",
  "active_seconds",
  "lines_added",
  "lines_removed",
  "commits",
  "pull_requests",
  "edits_accepted",
  "edits_rejected",
] as const;
export type ActivityMetric = (typeof ACTIVITY_METRICS)[number];

export interface ActivityPoint extends Origin {
  metric: ActivityMetric;
  /** The edit tool, for edit decisions; "" otherwise. */
  detail: string;
  /** One series: the metric, its attributes and its resource, hashed. */
  series: string;
  temporality: 1 | 2;
  startTimeUnixNano: string;
  timeUnixNano: string;
  time: Date;
  value: number;
}

/** Why records were not counted, with how many: the export response's partial success says so. */
export type Rejections = Record<string, number>;

const text = (v: AttrValue | undefined): string | null =>
  v === undefined || v === null || typeof v === "object" ? null : String(v);

function originOf(attributes: Attributes, resource: Attributes, groupAttribute: string | null): Origin {
  const host = text(resource["host.name"])?.trim().slice(0, 64);
  const group = groupAttribute ? groupNameSchema.safeParse(text(resource[groupAttribute])).data : undefined;
  const email = text(attributes["user.email"]) ?? text(resource["user.email"]);
  return {
    machine: host && /^[^\p{C}]+$/u.test(host) ? host : TELEMETRY_MACHINE,
    email: email && email.length <= 254 && !/[\u0000\p{Cs}]/u.test(email) ? email.toLowerCase() : null,
    version: text(resource["service.version"])?.slice(0, 50) ?? null,
    group: group ?? null,
  };
}

function timeOf(unixNano: string, fallback?: AttrValue): Date | null {
  const ns = BigInt(unixNano);
  if (ns > 0n) return new Date(Number(ns / 1_000_000n));
  const iso = text(fallback);
  const parsed = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

function checkTime(time: Date | null, now: Date, oldest: Date): string | null {
  if (!time) return "no time";
  if (time.getTime() < EARLIEST_TELEMETRY) return "time before 2024";
  if (time.getTime() > now.getTime() + FUTURE_SLACK_MS) return "time in the future";
  if (time < oldest) return "older than the days telemetry is kept to spot repeats";
  return null;
}

function tokenCount(value: AttrValue | undefined): number | null {
  const n = value === undefined || value === null ? 0 : Number(value);
  return Number.isInteger(n) && n >= 0 && n <= DAY_BOUNDS.tokens ? n : null;
}

/** The api_request events of a logs export, checked; every other event is counted by name only. */
export function readApiRequests(
  records: readonly LogRecord[],
  window: { now: Date; oldest: Date },
  groupAttribute: string | null = null,
): { requests: ApiRequest[]; events: Record<string, number>; rejected: Rejections } {
  const requests: ApiRequest[] = [];
  const events: Record<string, number> = {};
  const rejected: Rejections = {};
  const reject = (reason: string) => (rejected[reason] = (rejected[reason] ?? 0) + 1);
  for (const record of records) {
    const a = record.attributes;
    const name = text(a["event.name"]) ?? text(record.body)?.replace(/^claude_code\./, "") ?? "unnamed";
    events[name.slice(0, 64)] = (events[name.slice(0, 64)] ?? 0) + 1;
    if (name !== "api_request") continue;
    const time = timeOf(record.timeUnixNano, a["event.timestamp"]);
    const late = checkTime(time, window.now, window.oldest);
    if (late) {
      reject(`api_request: ${late}`);
      continue;
    }
    const model = text(a.model);
    if (!model || !isStorableName(model)) {
      reject("api_request: no usable model name");
      continue;
    }
    const counts = {
      inputTokens: tokenCount(a.input_tokens),
      outputTokens: tokenCount(a.output_tokens),
      cacheReadTokens: tokenCount(a.cache_read_tokens),
      cacheCreationTokens: tokenCount(a.cache_creation_tokens),
      cacheCreation5mTokens: tokenCount(a.cache_creation_5m_tokens),
      cacheCreation1hTokens: tokenCount(a.cache_creation_1h_tokens),
    };
    if (Object.values(counts).some((n) => n === null)) {
      reject("api_request: token counts that are not whole numbers from 0 to 10^11");
      continue;
    }
    const costUsd = a.cost_usd === undefined || a.cost_usd === null ? 0 : Number(a.cost_usd);
    if (!Number.isFinite(costUsd) || costUsd < 0 || costUsd > DAY_BOUNDS.costUsd) {
      reject("api_request: a cost that is not from $0 to $100,000");
      continue;
    }
    const sessionId = text(a["session.id"])?.slice(0, 100) ?? null;
    const requestId = text(a.request_id);
    const dedupeKey =
      requestId && requestId.length <= 200
        ? `req:${requestId}`
        : `seq:${sessionId}:${text(a["event.sequence"])}:${record.timeUnixNano}`;
    requests.push({
      ...originOf(a, record.resource, groupAttribute),
      ...(counts as Record<keyof typeof counts, number>),
      dedupeKey: dedupeKey.slice(0, 200),
      time: time!,
      model,
      provider: providerOf(model),
      cost: usdFromNumber(costUsd),
      sessionId,
    });
  }
  return { requests, events, rejected };
}

const ACTIVITY: Record<
  string,
  (attributes: Attributes) => { metric: ActivityMetric; detail: string } | null
> = {
  "claude_code.session.count": () => ({ metric: "sessions", detail: "" }),
  "claude_code.active_time.total": () => ({ metric: "active_seconds", detail: "" }),
  "claude_code.lines_of_code.count": (a) =>
    a.type === "added"
      ? { metric: "lines_added", detail: "" }
      : a.type === "removed"
        ? { metric: "lines_removed", detail: "" }
        : null,
  "claude_code.commit.count": () => ({ metric: "commits", detail: "" }),
  "claude_code.pull_request.count": () => ({ metric: "pull_requests", detail: "" }),
  "claude_code.code_edit_tool.decision": (a) => {
    const tool = text(a.tool_name)?.slice(0, 100) ?? "";
    if (a.decision === "accept") return { metric: "edits_accepted", detail: tool };
    if (a.decision === "reject") return { metric: "edits_rejected", detail: tool };
    return null;
  },
};

const sorted = (attributes: Attributes) => Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1));

/** The activity data points of a metrics export, checked; other metrics (tokens, cost, unknown) are skipped. */
export function readActivity(
  points: readonly DataPoint[],
  window: { now: Date; oldest: Date },
  groupAttribute: string | null = null,
): { activity: ActivityPoint[]; rejected: Rejections } {
  const activity: ActivityPoint[] = [];
  const rejected: Rejections = {};
  const reject = (reason: string) => (rejected[reason] = (rejected[reason] ?? 0) + 1);
  for (const point of points) {
    const meaning = ACTIVITY[point.metric]?.(point.attributes);
    if (!meaning) continue;
    if (point.temporality === 0) {
      reject(`${point.metric}: not a sum with a temporality`);
      continue;
    }
    if (!Number.isFinite(point.value) || point.value < 0 || point.value > 1e9) {
      reject(`${point.metric}: a value that is not from 0 to 10^9`);
      continue;
    }
    const time = timeOf(point.timeUnixNano);
    const late = checkTime(time, window.now, window.oldest);
    if (late) {
      reject(`${point.metric}: ${late}`);
      continue;
    }
    const series = createHash("sha256")
      .update(JSON.stringify([point.metric, sorted(point.attributes), sorted(point.resource)]))
      .digest("hex");
    activity.push({
      ...originOf(point.attributes, point.resource, groupAttribute),
      ...meaning,
      series,
      temporality: point.temporality,
      startTimeUnixNano: point.startTimeUnixNano,
      timeUnixNano: point.timeUnixNano,
      time: time!,
      value: point.value,
    });
  }
  return { activity, rejected };
}

/**
 * What a series' points add, in time order, given the last value stored for the same series and start:
 * a delta point adds its value; a cumulative point adds what it grew since the one before (its whole value
 * after a reset, when it is lower); a point no newer than the last one adds nothing.
 */
export function increments(
  points: readonly Pick<ActivityPoint, "temporality" | "timeUnixNano" | "value">[],
  last: { timeUnixNano: string; value: number } | null,
): number[] {
  let previous = last;
  return points.map((p) => {
    if (p.temporality === 1) return p.value;
    if (previous && BigInt(p.timeUnixNano) <= BigInt(previous.timeUnixNano)) return 0;
    const grown =
      previous === null ? p.value : p.value >= previous.value ? p.value - previous.value : p.value;
    previous = p;
    return grown;
  });
}
