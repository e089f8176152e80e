import { readLogsRequest, readMetricsRequest } from "./wire";

// OTLP export requests, protobuf or JSON, as plain records: each log record and each metric data point
// with its attributes and its resource's. Protobuf is read by wire.ts; JSON here, with names in
// lowerCamelCase or as in the .proto files, and 64-bit integers as numbers or strings.

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export interface LogRecord {
  /** Nanoseconds since the epoch, as a decimal string (exact). */
  timeUnixNano: string;
  observedTimeUnixNano: string;
  body: AttrValue;
  attributes: Attributes;
  resource: Attributes;
}

export interface DataPoint {
  metric: string;
  unit: string;
  /** OTLP's AggregationTemporality: 1 delta, 2 cumulative, 0 unspecified (gauges). */
  temporality: 0 | 1 | 2;
  startTimeUnixNano: string;
  timeUnixNano: string;
  value: number;
  attributes: Attributes;
  resource: Attributes;
}

/** The body is not an OTLP export request: a 400, which exporters do not retry. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OtlpDecodeError";
  }
}

type Json = Record<string, unknown>;

const snakeNames = new Map<string, string>();
const snake = (name: string) => {
  let spelled = snakeNames.get(name);
  if (spelled === undefined) {
    spelled = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeNames.set(name, spelled);
  }
  return spelled;
};

/** `object[name]` in either spelling; undefined when absent. */
function field(object: Json, name: string): unknown {
  return object[name] ?? object[snake(name)];
}

function objectAt(value: unknown, where: string): Json {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new OtlpDecodeError(`${where} must be an object`);
  return value as Json;
}

function listAt(object: Json, name: string, where: string): Json[] {
  const value = field(object, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${where}.${name} must be an array`);
  return value.map((item, i) => objectAt(item, `${where}.${name}[${i}]`));
}

/** A 64-bit integer as JSON or protobuf gives it (number, or decimal string) as a decimal string. */
function int64(value: unknown, where: string): string {
  if (value === undefined || value === null) return "0";
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return BigInt(value).toString();
  if (typeof value === "string" && /^\d{1,20}$/.test(value)) return BigInt(value).toString();
  throw new OtlpDecodeError(`${where} must be a non-negative integer`);
}

function anyValue(value: unknown, depth = 0): AttrValue {
  if (value === undefined || value === null || depth > 8) return null;
  const v = objectAt(value, "value");
  const string = field(v, "stringValue");
  if (string !== undefined) return String(string);
  const bool = field(v, "boolValue");
  if (bool !== undefined) return Boolean(bool);
  const int = field(v, "intValue");
  if (int !== undefined) return Number(int);
  const double = field(v, "doubleValue");
  if (double !== undefined) return Number(double);
  const array = field(v, "arrayValue");
  if (array !== undefined)
    return listAt(objectAt(array, "arrayValue"), "values", "arrayValue").map((x) => anyValue(x, depth + 1));
  const kvlist = field(v, "kvlistValue");
  if (kvlist !== undefined)
    return attributes(listAt(objectAt(kvlist, "kvlistValue"), "values", "kvlistValue"), depth + 1);
  const bytes = field(v, "bytesValue");
  if (bytes !== undefined) return String(bytes);
  return null;
}

function attributes(list: Json[], depth = 0): Attributes {
  const out: Attributes = {};
  for (const kv of list) {
    const key = field(kv, "key");
    if (typeof key === "string") out[key] = anyValue(field(kv, "value"), depth);
  }
  return out;
}

function resourceOf(parent: Json, where: string): Attributes {
  return attributes(listAt(objectAt(field(parent, "resource"), `${where}.resource`), "attributes", where));
}

/** Log records of an ExportLogsServiceRequest (already parsed from JSON or decoded from protobuf). */
export function logRecords(request: Json): LogRecord[] {
  const records: LogRecord[] = [];
  listAt(request, "resourceLogs", "request").forEach((rl, i) => {
    const where = `resourceLogs[${i}]`;
    const resource = resourceOf(rl, where);
    listAt(rl, "scopeLogs", where).forEach((sl, j) => {
      listAt(sl, "logRecords", `${where}.scopeLogs[${j}]`).forEach((r, k) => {
        const at = `${where}.scopeLogs[${j}].logRecords[${k}]`;
        records.push({
          timeUnixNano: int64(field(r, "timeUnixNano"), `${at}.timeUnixNano`),
          observedTimeUnixNano: int64(field(r, "observedTimeUnixNano"), `${at}.observedTimeUnixNano`),
          body: anyValue(field(r, "body")),
          attributes: attributes(listAt(r, "attributes", at)),
          resource,
        });
      });
    });
  });
  return records;
}

/** Data points of the sums and gauges in an ExportMetricsServiceRequest; other metric kinds are skipped. */
export function dataPoints(request: Json): DataPoint[] {
  const points: DataPoint[] = [];
  listAt(request, "resourceMetrics", "request").forEach((rm, i) => {
    const where = `resourceMetrics[${i}]`;
    const resource = resourceOf(rm, where);
    listAt(rm, "scopeMetrics", where).forEach((sm, j) => {
      listAt(sm, "metrics", `${where}.scopeMetrics[${j}]`).forEach((m, k) => {
        const at = `${where}.scopeMetrics[${j}].metrics[${k}]`;
        const sum = field(m, "sum");
        const gauge = field(m, "gauge");
        const data = objectAt(sum ?? gauge, at);
        const temporality = sum === undefined ? 0 : Number(field(data, "aggregationTemporality") ?? 0);
        listAt(data, "dataPoints", at).forEach((p, n) => {
          const point = `${at}.dataPoints[${n}]`;
          const asDouble = field(p, "asDouble");
          const asInt = field(p, "asInt");
          const value = asDouble !== undefined ? Number(asDouble) : Number(asInt ?? 0);
          points.push({
            metric: String(field(m, "name") ?? ""),
            unit: String(field(m, "unit") ?? ""),
            temporality: temporality === 1 || temporality === 2 ? temporality : 0,
            startTimeUnixNano: int64(field(p, "startTimeUnixNano"), `${point}.startTimeUnixNano`),
            timeUnixNano: int64(field(p, "timeUnixNano"), `${point}.timeUnixNano`),
            value,
            attributes: attributes(listAt(p, "attributes", point)),
            resource,
          });
        });
      });
    });
  });
  return points;
}

export type Signal = "logs" | "metrics";
export type Encoding = "protobuf" | "json";

/** A JSON body as an object; OtlpDecodeError when it is not one. */
function parseJson(body: Uint8Array): Json {
  if (body.byteLength === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (error) {
    throw new OtlpDecodeError(`the body is not valid JSON: ${(error as Error).message}`);
  }
  return objectAt(parsed, "the request");
}

function fromProtobuf<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new OtlpDecodeError(`the body is not a valid protobuf export request: ${(error as Error).message}`);
  }
}

/** The log records of a logs export body; OtlpDecodeError for anything that is not one. */
export function decodeLogs(encoding: Encoding, body: Uint8Array): LogRecord[] {
  return encoding === "json" ? logRecords(parseJson(body)) : fromProtobuf(() => readLogsRequest(body));
}

/** The data points of a metrics export body; OtlpDecodeError for anything that is not one. */
export function decodeMetrics(encoding: Encoding, body: Uint8Array): DataPoint[] {
  return encoding === "json" ? dataPoints(parseJson(body)) : fromProtobuf(() => readMetricsRequest(body));
}
