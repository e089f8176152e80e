import "server-only";
import { gunzipSync } from "node:zlib";
import { limits as rateLimits } from "@/db/rate-limits";
import { recordActivity, recordApiRequests, type Recorded, type TelemetrySender } from "@/db/telemetry";
import { telemetryRetentionDays } from "@/db/team-settings";
import { readTelemetryConfig } from "@/lib/config";
import { AppError, isDatabaseUnavailable, loggable } from "@/lib/errors";
import { OTLP_TYPES } from "@/lib/otel/proto";
import { decodeLogs, decodeMetrics, OtlpDecodeError, type Encoding, type Signal } from "@/lib/otel/records";
import { readActivity, readApiRequests } from "@/lib/otel/telemetry";
import { requireApiKey, type KeyOwner } from "./auth/keys";
import { readBody } from "./http";
import { teamSettings } from "./queries";
import { checkBudgetsAfterResponse } from "./budget-checks";
import { countTelemetry } from "./metrics/count";

// The OTLP/HTTP receiver (POST /api/otel/v1/logs and /v1/metrics): Claude Code's exporter posts protobuf or
// JSON, maybe gzipped, with an upload key as its bearer token. Answers follow the OTLP/HTTP spec, in the
// request's encoding: 200 with an export response (partial success names what was refused), 400 for data
// that cannot be read (not retried), 401/403, 413, 415, 429 and 503 with Retry-After (retried).

const ENCODINGS: Record<string, Encoding> = {
  "application/x-protobuf": "protobuf",
  "application/json": "json",
};

/** gRPC status codes for the error body (google.rpc.Status), by HTTP status. */
const GRPC_CODES: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  413: 8,
  415: 3,
  429: 8,
  500: 13,
  503: 14,
};

function respond(
  encoding: Encoding,
  status: number,
  body: Uint8Array | object,
  headers: Record<string, string> = {},
) {
  const bytes = body instanceof Uint8Array ? body : Buffer.from(JSON.stringify(body));
  return new Response(new Uint8Array(bytes), {
    status,
    headers: {
      "Content-Type": encoding === "json" ? "application/json" : "application/x-protobuf",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

function errorAnswer(
  encoding: Encoding,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const code = GRPC_CODES[status] ?? 2;
  return respond(
    encoding,
    status,
    encoding === "json" ? { code, message } : OTLP_TYPES.status.encode({ code, message }).finish(),
    headers,
  );
}

function exportAnswer(signal: Signal, encoding: Encoding, recorded: Recorded) {
  countTelemetry(signal, recorded);
  const rejectedField = signal === "logs" ? "rejectedLogRecords" : "rejectedDataPoints";
  const partial =
    // With nothing rejected, a message is a warning (OTLP allows partial success with 0 rejected for it).
    recorded.rejected > 0 || recorded.message
      ? { [rejectedField]: recorded.rejected, errorMessage: recorded.message }
      : null;
  if (encoding === "json")
    return respond(
      encoding,
      200,
      partial ? { partialSuccess: { ...partial, [rejectedField]: String(recorded.rejected) } } : {},
    );
  const type = signal === "logs" ? OTLP_TYPES.logsResponse : OTLP_TYPES.metricsResponse;
  return respond(
    encoding,
    200,
    type.encode(type.fromObject(partial ? { partialSuccess: partial } : {})).finish(),
  );
}

async function readExport(request: Request, maxBytes: number): Promise<Uint8Array> {
  const body = await readBody(request, maxBytes);
  const coding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (!coding || coding === "identity") return body;
  if (coding !== "gzip")
    throw new AppError(
      "unsupported_media_type",
      `Content-Encoding ${coding} is not supported: send gzip or nothing.`,
    );
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new AppError("payload_too_large", `The export is larger than ${maxBytes} bytes once unzipped.`);
    }
    throw new OtlpDecodeError("the body is not valid gzip");
  }
}

const NOTHING: Recorded = { accepted: 0, rejected: 0, message: "" };

/** Who sent an export, the window its records must fall in, and the team's timezone for their days. */
async function recording(key: KeyOwner) {
  const settings = await teamSettings();
  const now = new Date();
  const retentionDays = telemetryRetentionDays(settings);
  const sender: TelemetrySender =
    key.keyKind === "team"
      ? { kind: "team", keyId: key.keyId }
      : {
          kind: "personal",
          keyId: key.keyId,
          person: { id: key.id, username: key.username, role: key.role },
        };
  return {
    sender,
    window: { now, oldest: new Date(now.getTime() - retentionDays * 86_400_000) },
    groupAttribute: settings.telemetryGroupAttribute,
    context: { now, timezone: settings.timezone },
  };
}

/** Receives one OTLP export of `signal`. */
export async function receiveTelemetry(request: Request, signal: Signal): Promise<Response> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() ?? "";
  const encoding = ENCODINGS[type];
  if (!encoding) {
    return errorAnswer(
      "json",
      415,
      `Send OTLP as application/x-protobuf or application/json, not "${type || "nothing"}".`,
    );
  }
  try {
    const key = await requireApiKey(request, true);
    const config = readTelemetryConfig();
    const limit = await rateLimits.telemetry.hit(`key:${key.keyId}`, config.ratePerMinute);
    if (!limit.ok) {
      return errorAnswer(
        encoding,
        429,
        `Too many exports with this key: try again in ${limit.retryAfterSeconds} s.`,
        {
          "Retry-After": String(limit.retryAfterSeconds),
        },
      );
    }
    const body = await readExport(request, config.maxBytes);
    // Decoded before anything else is read, so a body that is not an export costs no database work.
    if (signal === "logs") {
      const records = decodeLogs(encoding, body);
      if (records.length === 0) return exportAnswer(signal, encoding, NOTHING);
      const { sender, window, groupAttribute, context } = await recording(key);
      const read = readApiRequests(records, window, groupAttribute);
      const recorded = await recordApiRequests(sender, read, context);
      checkBudgetsAfterResponse(); // committed: costs may have crossed a budget's threshold
      return exportAnswer(signal, encoding, recorded);
    }
    const points = decodeMetrics(encoding, body);
    if (points.length === 0) return exportAnswer(signal, encoding, NOTHING);
    const { sender, window, groupAttribute, context } = await recording(key);
    const read = { ...readActivity(points, window, groupAttribute), points: points.length };
    return exportAnswer(signal, encoding, await recordActivity(sender, read, context));
  } catch (error) {
    if (error instanceof OtlpDecodeError)
      return errorAnswer(encoding, 400, `Not an OTLP export: ${error.message}.`);
    if (error instanceof AppError) {
      const status = error.status === 422 ? 400 : error.status === 411 ? 400 : error.status;
      const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      return errorAnswer(encoding, status, error.message, wait ? { "Retry-After": String(wait) } : {});
    }
    if (isDatabaseUnavailable(error)) {
      console.error("[otel] database unavailable:", loggable(error));
      return errorAnswer(encoding, 503, "The database is unavailable. Try again shortly.", {
        "Retry-After": "5",
      });
    }
    console.error("[otel] internal error:", loggable(error));
    return errorAnswer(encoding, 500, "Internal server error.");
  }
}
