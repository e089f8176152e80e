import protobuf from "protobufjs";
import type { AttrValue, Attributes, DataPoint, LogRecord } from "./records";

// OTLP export requests read straight from protobuf into records, field numbers as in opentelemetry-proto
// v1 (see proto.ts). Reading only what the receiver uses, without building the whole message tree first,
// is what keeps a large export cheap. Unknown fields are skipped; a known field with the wrong wire type,
// or a message that runs past its end, is an Error (the caller turns it into a 400).

type Reader = protobuf.Reader;

const VARINT = 0;
const I64 = 1;
const LEN = 2;

/** Deeper AnyValues than this read as null, as in the JSON reader. */
const MAX_DEPTH = 8;

function wireError(field: number, wire: number, message: string): never {
  throw new Error(`${message}: field ${field} has wire type ${wire}`);
}

/** Checks a known field's wire type. */
function want(field: number, wire: number, expected: number, message: string) {
  if (wire !== expected) wireError(field, wire, message);
}

/** Where the length-delimited message starting at the reader ends. */
function endOf(reader: Reader): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > reader.len) throw new Error("a message runs past the end of the body");
  return end;
}

/** A fixed64 as a decimal string (exact), as the JSON reader gives 64-bit integers. */
function fixed64(reader: Reader): string {
  const low = reader.fixed32();
  const high = reader.fixed32();
  return high === 0 ? String(low) : ((BigInt(high) << 32n) | BigInt(low)).toString();
}

function sfixed64(reader: Reader): number {
  const low = reader.fixed32();
  const high = reader.fixed32();
  return Number(BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)));
}

function int64(reader: Reader): number {
  const value = reader.int64();
  return typeof value === "number" ? value : protobuf.util.LongBits.from(value).toNumber(false);
}

function anyValue(reader: Reader, end: number, depth: number): AttrValue {
  if (depth > MAX_DEPTH) {
    reader.pos = end;
    return null;
  }
  let value: AttrValue = null;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        want(field, wire, LEN, "AnyValue");
        value = reader.string();
        break;
      case 2:
        want(field, wire, VARINT, "AnyValue");
        value = reader.bool();
        break;
      case 3:
        want(field, wire, VARINT, "AnyValue");
        value = int64(reader);
        break;
      case 4:
        want(field, wire, I64, "AnyValue");
        value = reader.double();
        break;
      case 5:
        want(field, wire, LEN, "AnyValue");
        value = arrayValue(reader, endOf(reader), depth + 1);
        break;
      case 6:
        want(field, wire, LEN, "AnyValue");
        value = keyValues(reader, endOf(reader), {}, 1, depth + 1);
        break;
      case 7:
        want(field, wire, LEN, "AnyValue");
        value = Buffer.from(reader.bytes()).toString("base64");
        break;
      default:
        reader.skipType(wire);
    }
  }
  return value;
}

function arrayValue(reader: Reader, end: number, depth: number): AttrValue[] {
  const values: AttrValue[] = [];
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) {
      want(1, tag & 7, LEN, "ArrayValue");
      values.push(anyValue(reader, endOf(reader), depth));
    } else reader.skipType(tag & 7);
  }
  return values;
}

/** One KeyValue into `into`. */
function keyValue(reader: Reader, end: number, into: Attributes, depth: number) {
  let key: string | undefined;
  let value: AttrValue = null;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      want(field, tag & 7, LEN, "KeyValue");
      key = reader.string();
    } else if (field === 2) {
      want(field, tag & 7, LEN, "KeyValue");
      value = anyValue(reader, endOf(reader), depth);
    } else reader.skipType(tag & 7);
  }
  if (key !== undefined) into[key] = value;
}

/** The repeated KeyValue `field` of the message ending at `end` (Resource, KeyValueList) into `into`. */
function keyValues(reader: Reader, end: number, into: Attributes, field: number, depth = 0): Attributes {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === field) {
      want(field, tag & 7, LEN, "attributes");
      keyValue(reader, endOf(reader), into, depth);
    } else reader.skipType(tag & 7);
  }
  return into;
}

/** The messages of the repeated field `field` in the message ending at `end`, each read by `read`. */
function repeated(reader: Reader, end: number, field: number, read: (end: number) => void) {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === field) {
      want(field, tag & 7, LEN, "a repeated message");
      read(endOf(reader));
    } else reader.skipType(tag & 7);
  }
}

/** Reads a ResourceLogs or ResourceMetrics: its resource (field 1) and its scopes (field 2). */
function resourceAnd(reader: Reader, end: number, readScope: (end: number) => void): Attributes {
  let resource: Attributes = {};
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      want(field, tag & 7, LEN, "resource");
      resource = keyValues(reader, endOf(reader), {}, 1);
    } else if (field === 2) {
      want(field, tag & 7, LEN, "scope");
      readScope(endOf(reader));
    } else reader.skipType(tag & 7);
  }
  return resource;
}

function logRecord(reader: Reader, end: number, resource: Attributes): LogRecord {
  const record: LogRecord = {
    timeUnixNano: "0",
    observedTimeUnixNano: "0",
    body: null,
    attributes: {},
    resource,
  };
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 || field === 11) {
      want(field, wire, I64, "LogRecord");
      const time = fixed64(reader);
      if (field === 1) record.timeUnixNano = time;
      else record.observedTimeUnixNano = time;
    } else if (field === 5) {
      want(field, wire, LEN, "LogRecord");
      record.body = anyValue(reader, endOf(reader), 0);
    } else if (field === 6) {
      want(field, wire, LEN, "LogRecord");
      keyValue(reader, endOf(reader), record.attributes, 0);
    } else reader.skipType(wire);
  }
  return record;
}

/** The log records of an ExportLogsServiceRequest. */
export function readLogsRequest(body: Uint8Array): LogRecord[] {
  const reader = protobuf.Reader.create(body);
  const records: LogRecord[] = [];
  repeated(reader, reader.len, 1, (end) => {
    const first = records.length;
    const resource = resourceAnd(reader, end, (scopeEnd) =>
      repeated(reader, scopeEnd, 2, (recordEnd) => records.push(logRecord(reader, recordEnd, {}))),
    );
    for (let i = first; i < records.length; i++) records[i].resource = resource;
  });
  return records;
}

function dataPoint(reader: Reader, end: number): DataPoint {
  const point: DataPoint = {
    metric: "",
    unit: "",
    temporality: 0,
    startTimeUnixNano: "0",
    timeUnixNano: "0",
    value: 0,
    attributes: {},
    resource: {},
  };
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 2 || field === 3) {
      want(field, wire, I64, "NumberDataPoint");
      const time = fixed64(reader);
      if (field === 2) point.startTimeUnixNano = time;
      else point.timeUnixNano = time;
    } else if (field === 4) {
      want(field, wire, I64, "NumberDataPoint");
      point.value = reader.double();
    } else if (field === 6) {
      want(field, wire, I64, "NumberDataPoint");
      point.value = sfixed64(reader);
    } else if (field === 7) {
      want(field, wire, LEN, "NumberDataPoint");
      keyValue(reader, endOf(reader), point.attributes, 0);
    } else reader.skipType(wire);
  }
  return point;
}

/** A Gauge's or Sum's points and, for a Sum, its temporality. */
function pointsOf(reader: Reader, end: number, sum: boolean): { points: DataPoint[]; temporality: number } {
  const points: DataPoint[] = [];
  let temporality = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      want(field, tag & 7, LEN, "data points");
      points.push(dataPoint(reader, endOf(reader)));
    } else if (field === 2 && sum) {
      want(field, tag & 7, VARINT, "Sum");
      temporality = reader.int32();
    } else reader.skipType(tag & 7);
  }
  return { points, temporality };
}

/** A Metric's points: a sum's or a gauge's (other kinds are skipped), named after it. */
function metric(reader: Reader, end: number, into: DataPoint[]) {
  let name = "";
  let unit = "";
  let sum: ReturnType<typeof pointsOf> | undefined;
  let gauge: ReturnType<typeof pointsOf> | undefined;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 || field === 3) {
      want(field, wire, LEN, "Metric");
      if (field === 1) name = reader.string();
      else unit = reader.string();
    } else if (field === 5) {
      want(field, wire, LEN, "Metric");
      gauge = pointsOf(reader, endOf(reader), false);
    } else if (field === 7) {
      want(field, wire, LEN, "Metric");
      sum = pointsOf(reader, endOf(reader), true);
    } else reader.skipType(wire);
  }
  const data = sum ?? gauge;
  if (!data) return;
  const temporality = sum && (data.temporality === 1 || data.temporality === 2) ? data.temporality : 0;
  for (const point of data.points) into.push({ ...point, metric: name, unit, temporality });
}

/** The data points of the sums and gauges in an ExportMetricsServiceRequest. */
export function readMetricsRequest(body: Uint8Array): DataPoint[] {
  const reader = protobuf.Reader.create(body);
  const points: DataPoint[] = [];
  repeated(reader, reader.len, 1, (end) => {
    const first = points.length;
    const resource = resourceAnd(reader, end, (scopeEnd) =>
      repeated(reader, scopeEnd, 2, (metricEnd) => metric(reader, metricEnd, points)),
    );
    for (let i = first; i < points.length; i++) points[i].resource = resource;
  });
  return points;
}
