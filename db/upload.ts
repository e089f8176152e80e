import { and, eq, sql } from "drizzle-orm";
import type { ModelDay, ParsedReport } from "@/lib/ccusage/parse";
import { AppError, databaseError } from "@/lib/errors";
import { requireUploadFor, type Person } from "@/lib/principal";
import { usdFromDecimal, usdToDecimal, usdToNumber } from "@/lib/money";
import type { ReportedTotals } from "@/lib/usage";
import { describeBound } from "@/lib/usage-bounds";
import { decideDay, totalsOf, type DayResult, type Totals, type UploadMode } from "@/lib/usage-merge";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { getDb } from "./index";
import { addToCatalog, splitByPrice } from "./prices";
import { lockUserUsage, refreshReadModel } from "./read-model";
import {
  DAY_BOUNDS_CHECK,
  machines,
  machineUsage,
  telemetryUsage,
  uploads,
  users,
  type Provider,
} from "./schema";
import { TOKEN_COLUMNS } from "./stats/sums";
import { dateArray, selectRows } from "./sql";

// The one ingest path: the API route and the web upload both call ingestUsage. A fixed number of SQL
// statements per upload whatever its size, all in one transaction: any failure leaves nothing behind.

export interface IngestInput {
  /** Who uploads: the key's (or session's) owner. */
  by: Person;
  /** Upload for this user instead (admins only); created if missing. */
  targetUsername?: string;
  machine: string;
  report: ParsedReport;
  mode: UploadMode;
  /** Keep a copy of the parsed report with the upload (default); generated data (seed, bench) need not. */
  keepReport?: boolean;
  dryRun: boolean;
}

export interface IngestResult {
  uploadId: number | null;
  dryRun: boolean;
  user: string;
  machine: string;
  mode: UploadMode;
  format: string;
  formatVersion: string;
  summary: Record<"inserted" | "updated" | "unchanged" | "keptHigher" | "countedFromTelemetry", number> & {
    days: number;
    from: string | null;
    to: string | null;
    models: string[];
  };
  /** What is stored for this machine, per day of the report, once the upload is applied. */
  /**
   * What is stored for this machine, per day of the report, once the upload is applied; `countedFrom`
   * says whether the dashboard counts the person's day from uploads or from their telemetry.
   */
  days: {
    date: string;
    result: DayResult;
    countedFrom: "upload" | "telemetry";
    models: number;
    stored: ReportedTotals;
  }[];
  totals: ReportedTotals;
  warnings: { code: string; message: string; models: string[] }[];
}

/** Exact totals as a response carries them: the cost in USD. */
function toJson(t: Totals): ReportedTotals {
  return { ...t, cost: usdToNumber(t.cost) };
}

async function resolveTarget(tx: Db, input: IngestInput): Promise<{ id: number | null; username: string }> {
  const { by, targetUsername } = input;
  requireUploadFor(by, targetUsername);
  if (!targetUsername || targetUsername === by.username) return by;
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, targetUsername));
  if (existing) return { id: existing.id, username: targetUsername };
  if (input.dryRun) return { id: null, username: targetUsername };
  // ON CONFLICT: two uploads creating the same user at once both end up with it.
  const [created] = await tx
    .insert(users)
    .values({ username: targetUsername, displayName: targetUsername, role: "member" })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created) {
    await writeAudit(tx, by, "user.create", targetUsername, {
      via: "upload",
      canSignIn: false,
    });
    return { id: created.id, username: targetUsername };
  }
  const [raced] = await tx.select({ id: users.id }).from(users).where(eq(users.username, targetUsername));
  return { id: raced.id, username: targetUsername };
}

async function machineId(tx: Db, userId: number, name: string, dryRun: boolean): Promise<number | null> {
  if (dryRun) {
    const [row] = await tx
      .select({ id: machines.id })
      .from(machines)
      .where(and(eq(machines.userId, userId), eq(machines.name, name)));
    return row?.id ?? null;
  }
  const [row] = await tx
    .insert(machines)
    .values({ userId, name, lastUploadAt: new Date() })
    .onConflictDoUpdate({ target: [machines.userId, machines.name], set: { lastUploadAt: new Date() } })
    .returning({ id: machines.id });
  return row.id;
}

/**
 * The machine's stored slices of these days, and which of the days the person's telemetry counts (a
 * person-day with telemetry is counted from it, not from uploads): one statement.
 */
async function storedDays(
  tx: Db,
  machine: number | null,
  userId: number | null,
  dates: string[],
): Promise<{ slices: Map<string, ModelDay[]>; telemetryDays: Set<string> }> {
  const days = dateArray(dates);
  const rows = await selectRows(
    tx,
    {
      date: "text",
      model: "text",
      provider: "text",
      input_tokens: "number",
      output_tokens: "number",
      cache_creation_tokens: "number",
      cache_read_tokens: "number",
      cost: "text",
      telemetry: "text",
    },
    sql`select date::text as date, model, provider::text as provider, ${TOKEN_COLUMNS}, cost::text as cost, 'no' as telemetry
        from ${machineUsage} where machine_id = ${machine ?? -1} and date = any(${days})
        union all
        select distinct date::text, '', '', 0, 0, 0, 0, '0', 'yes'
        from ${telemetryUsage} where user_id = ${userId ?? -1} and date = any(${days})`,
  );
  const slices = new Map<string, ModelDay[]>();
  const telemetryDays = new Set<string>();
  for (const r of rows) {
    if (r.telemetry === "yes") {
      telemetryDays.add(r.date);
      continue;
    }
    const day: ModelDay = {
      model: r.model,
      provider: r.provider as Provider,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      cacheCreationTokens: r.cache_creation_tokens,
      cacheReadTokens: r.cache_read_tokens,
      cost: usdFromDecimal(r.cost),
    };
    slices.set(r.date, [...(slices.get(r.date) ?? []), day]);
  }
  return { slices, telemetryDays };
}

/** Replaces the machine's slices for these days with the report's: one delete, one bulk insert. */
async function writeSlices(
  tx: Db,
  machine: number,
  userId: number,
  days: { date: string; result: DayResult; models: ModelDay[] }[],
) {
  // Only "updated" days had slices. storedDays read them under the person's lock, so no other upload
  // added any since: a report of new days (a cron job's usual one) skips the delete's round trip.
  const replaced = days.filter((d) => d.result === "updated").map((d) => d.date);
  if (replaced.length > 0) {
    await tx
      .delete(machineUsage)
      .where(
        and(eq(machineUsage.machineId, machine), sql`${machineUsage.date} = any(${dateArray(replaced)})`),
      );
  }
  const rows = days.flatMap((d) =>
    d.models.map((m) => ({
      d: d.date,
      m: m.model,
      p: m.provider satisfies Provider,
      i: m.inputTokens,
      o: m.outputTokens,
      cw: m.cacheCreationTokens,
      cr: m.cacheReadTokens,
      c: usdToDecimal(m.cost),
    })),
  );
  if (rows.length === 0) return;
  // One statement with one JSON parameter: a multi-row VALUES built by Drizzle is slow to build (README, Performance).
  await tx.execute(sql`
    insert into machine_usage (machine_id, user_id, date, model, provider, input_tokens, output_tokens,
      cache_creation_tokens, cache_read_tokens, cost)
    select ${machine}, ${userId}, r.d, r.m, r.p::provider, r.i, r.o, r.cw, r.cr, r.c
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as r(d date, m text, p text, i bigint, o bigint, cw bigint, cr bigint, c numeric)`);
}

/**
 * Models ccusage reported at $0 despite tokens (it had no price for them): priced from the price table
 * where it has a price, shown as unpriced where nobody has one.
 */
async function zeroCostWarnings(tx: Db, report: ParsedReport): Promise<IngestResult["warnings"]> {
  const lastDay = new Map<string, string>();
  for (const day of report.days)
    for (const m of day.models)
      if (m.cost === 0n && totalsOf([m]).totalTokens > 0) lastDay.set(m.model, day.date);
  const { priced: fromTable, unpriced } = await splitByPrice(tx, lastDay);
  const them = (list: string[]) => (list.length === 1 ? "that model" : "those models");
  return [
    ...(fromTable.length
      ? [
          {
            code: "priced_from_table",
            message:
              `ccusage reported $0 for ${fromTable.join(", ")} despite tokens: it has no price for ${them(fromTable)}. ` +
              `The dashboard prices them from its price table instead (marked as such).`,
            models: fromTable,
          },
        ]
      : []),
    ...(unpriced.length
      ? [
          {
            code: "unpriced_models",
            message:
              `Neither ccusage nor the price table has a price for ${unpriced.join(", ")}: ` +
              `the dashboard shows ${them(unpriced)}' tokens as unpriced, not as $0. An admin can set a price ` +
              `under Settings → Prices.`,
            models: unpriced,
          },
        ]
      : []),
  ];
}

function telemetryWarning(days: string[]): IngestResult["warnings"] {
  if (days.length === 0) return [];
  return [
    {
      code: "counted_from_telemetry",
      message:
        `${days.length === 1 ? "1 day" : `${days.length} days`} of this report (${days[0]}${days.length > 1 ? ` to ${days.at(-1)}` : ""}) ` +
        `${days.length === 1 ? "is" : "are"} counted from Claude Code's telemetry, which this person also sends: a day counts once. ` +
        `This report's figures for ${days.length === 1 ? "it are" : "them are"} kept, and admins see how the two differ.`,
      models: [],
    },
  ];
}

export async function ingestUsage(input: IngestInput): Promise<IngestResult> {
  const { report, mode, dryRun } = input;
  const dates = report.days.map((d) => d.date);

  const run = async (tx: Db): Promise<IngestResult> => {
    const target = await resolveTarget(tx, input);
    let machine: number | null = null;
    if (target.id !== null) {
      // Uploads for one user run one after another (several machines at once, or a retry racing the
      // original), so each sees the last one's result and usage_stats is summed consistently.
      if (!dryRun) await lockUserUsage(tx, target.id);
      machine = await machineId(tx, target.id, input.machine, dryRun);
    }
    const { slices: stored, telemetryDays } = await storedDays(tx, machine, target.id, dates);

    const decided = report.days.map((day) => {
      const previous = stored.get(day.date);
      const decision = decideDay(day.models, previous, mode);
      return { ...day, ...decision, kept: decision.write ? day.models : (previous ?? []) };
    });

    let uploadId: number | null = null;
    if (!dryRun) {
      // Recorded first: the read-model refresh ends with the team rows every upload shares, and
      // those stay locked only until the commit.
      const [upload] = await tx
        .insert(uploads)
        .values({
          userId: target.id!,
          machineId: machine!,
          uploadedById: input.by.id,
          format: report.format,
          formatVersion: report.formatVersion,
          dayCount: report.days.length,
          // Passed as text and cast, so both drivers store the object (not a JSON string).
          payload: input.keepReport === false ? null : sql`${JSON.stringify(storedReport(report))}::jsonb`,
        })
        .returning({ id: uploads.id });
      uploadId = upload.id;
      const writes = decided.filter((d) => d.write);
      if (writes.length > 0) {
        await addToCatalog(
          tx,
          writes.flatMap((d) => d.models.map((m) => m.model)),
        );
        await writeSlices(tx, machine!, target.id!, writes);
        await refreshReadModel(
          tx,
          target.id!,
          writes.map((d) => d.date),
        );
      }
    }

    const count = (result: DayResult) => decided.filter((d) => d.result === result).length;
    return {
      uploadId,
      dryRun,
      user: target.username,
      machine: input.machine,
      mode,
      format: report.format,
      formatVersion: report.formatVersion,
      summary: {
        days: report.days.length,
        from: dates[0] ?? null,
        to: dates.at(-1) ?? null,
        models: [...new Set(report.days.flatMap((d) => d.models.map((m) => m.model)))].sort(),
        inserted: count("inserted"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        keptHigher: count("kept-higher"),
        countedFromTelemetry: decided.filter((d) => telemetryDays.has(d.date)).length,
      },
      days: decided.map((d) => ({
        date: d.date,
        result: d.result,
        countedFrom: telemetryDays.has(d.date) ? "telemetry" : "upload",
        models: d.kept.length,
        stored: toJson(totalsOf(d.kept)),
      })),
      totals: toJson(totalsOf(decided.flatMap((d) => d.kept))),
      warnings: [
        ...(await zeroCostWarnings(tx, report)),
        ...telemetryWarning(dates.filter((d) => telemetryDays.has(d))),
      ],
    };
  };

  const db = await getDb();
  try {
    return await (dryRun ? run(db) : db.transaction(run));
  } catch (error) {
    throw uploadError(error, input);
  }
}

/** What an upload keeps of its report: what was parsed, with exact decimal costs (bounded by what it holds). */
function storedReport(report: ParsedReport) {
  return {
    format: report.format,
    formatVersion: report.formatVersion,
    days: report.days.map((d) => ({
      date: d.date,
      models: d.models.map((m) => ({ ...m, cost: usdToDecimal(m.cost) })),
    })),
  };
}

/**
 * The caller's answer for what the database refused of this upload: every such refusal is about this
 * upload alone (other people's uploads never meet it), so it is a 4xx for this uploader, not a 500.
 */
function uploadError(error: unknown, input: IngestInput): unknown {
  const refused = databaseError(error);
  if (refused?.code === "23514" && refused.constraint === DAY_BOUNDS_CHECK) {
    // The check names the failing row, the person's day, in its detail.
    const date = /\d{4}-\d{2}-\d{2}/.exec(refused.detail ?? "")?.[0];
    return new AppError(
      "invalid",
      `${date ?? "A day of this report"}: with this report, the usage over all of ` +
        `${input.targetUsername ? `${input.targetUsername}'s` : "your"} machines would add up to more than one person may report for a day ` +
        `(${describeBound("inputTokens")} of each token type, ${describeBound("cost")}).`,
      { problems: [{ path: date ?? "daily", message: "exceeds the bounds for one person's day" }] },
    );
  }
  if (refused?.code === "22003") {
    return new AppError("invalid", "The report's figures are too large to be stored.");
  }
  // A reference to the user failed: they were deleted while the upload ran.
  if (refused?.code === "23503") {
    return input.targetUsername && input.targetUsername !== input.by.username
      ? new AppError("not_found", `The user "${input.targetUsername}" was deleted during the upload.`)
      : new AppError("unauthorized", "The key's owner no longer exists.");
  }
  return error;
}
