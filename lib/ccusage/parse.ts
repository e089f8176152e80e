import { z } from "zod";
import { AppError } from "@/lib/errors";
import { usdFromNumber } from "@/lib/money";
import { TOKEN_FIELDS, type TokenField } from "@/lib/usage";
import { overBound } from "@/lib/usage-bounds";
import { totalsOf, type Totals } from "@/lib/usage-merge";
import { providerOf, type Provider } from "../provider";
import { dailyRowSchema, LIMITS, type DailyRow } from "./schema";

// Turns any per-day ccusage report into days of per-model usage. Shapes (see test/fixtures/ccusage):
//  - classic `{daily:[{date, …, modelBreakdowns}]}`: `ccusage daily` v9-v18, `ccusage claude daily` v19+
//  - multi-agent `{daily:[{period, agent, metadata, …}]}`: bare `ccusage daily` v19+, other agents'
//    models mixed in; v19 prints no modelBreakdowns unless asked
//  - `--instances`: `{projects:{<dir>:[daily rows]}}`, summed per day here
// Per-day totals are recomputed from the model rows; the report's own totals are never trusted.

/** One model's usage on one day, its cost exact: USD scaled by 1e10 (see lib/money). */
export type ModelDay = { model: string; provider: Provider } & Record<TokenField, number> & { cost: bigint };

export interface ReportDay {
  date: string;
  /** Sorted by model name; one entry per model. */
  models: ModelDay[];
}

export interface ParsedReport {
  format: "daily" | "daily-instances";
  /** The ccusage versions that print this shape. */
  formatVersion: string;
  /** Sorted by date; one entry per date. */
  days: ReportDay[];
}

/** The model name stored for a row that has no per-model breakdown. */
export const UNKNOWN_MODEL = "unknown";

const OTHER_REPORTS: Record<string, string> = {
  weekly: "a weekly report (`ccusage weekly`)",
  monthly: "a monthly report (`ccusage monthly`)",
  session: "a session report (`ccusage session`)",
  sessions: "a session report (`ccusage session`)",
  blocks: "a 5-hour blocks report (`ccusage blocks`)",
};
const DAILY_COMMAND = "`ccusage claude daily --json` (or `ccusage daily --json`)";

export interface Problem {
  path: string;
  message: string;
}

function invalid(message: string, problems?: Problem[]): AppError {
  return new AppError("invalid", message, problems ? { problems } : undefined);
}

/** `["daily", 3, "cost"]` -> `daily[3].cost` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

const MAX_PROBLEMS = 10;

function rowsOf(json: unknown): {
  format: ParsedReport["format"];
  groups: { path: (string | number)[]; rows: unknown }[];
} {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalid(`Expected a JSON object as printed by ${DAILY_COMMAND}.`);
  }
  const report = json as Record<string, unknown>;
  if ("daily" in report) return { format: "daily", groups: [{ path: ["daily"], rows: report.daily }] };
  if ("projects" in report) {
    const projects = report.projects;
    if (typeof projects !== "object" || projects === null || Array.isArray(projects)) {
      throw invalid("`projects` must be an object of daily rows per project, as `--instances` prints it.");
    }
    const groups = Object.entries(projects).map(([name, rows]) => ({ path: ["projects", name], rows }));
    return { format: "daily-instances", groups };
  }
  const other = Object.keys(OTHER_REPORTS).find((key) => key in report);
  if (other) {
    throw invalid(
      `This is ${OTHER_REPORTS[other]}, not per-day data. Upload the output of ${DAILY_COMMAND} instead.`,
    );
  }
  throw invalid(
    `Not a ccusage daily report: expected a top-level "daily" array, as printed by ${DAILY_COMMAND}.`,
  );
}

function validateRows(groups: { path: (string | number)[]; rows: unknown }[]): DailyRow[] {
  const problems: Problem[] = [];
  const valid: DailyRow[] = [];
  let count = 0;
  for (const group of groups) {
    const result = z.array(z.unknown()).safeParse(group.rows);
    if (!result.success) {
      problems.push({ path: formatPath(group.path), message: "must be an array of daily rows" });
      continue;
    }
    count += result.data.length;
    result.data.forEach((row, index) => {
      if (problems.length >= MAX_PROBLEMS) return;
      const parsed = dailyRowSchema.safeParse(row);
      if (parsed.success) valid.push(parsed.data);
      for (const issue of parsed.error?.issues ?? []) {
        if (problems.length < MAX_PROBLEMS) {
          problems.push({ path: formatPath([...group.path, index, ...issue.path]), message: issue.message });
        }
      }
    });
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path} ${p.message}`).join("; ");
    throw invalid(`The report has invalid values (first ${problems.length} shown): ${list}.`, problems);
  }
  if (count > LIMITS.days)
    throw invalid(`The report has ${count} daily rows; at most ${LIMITS.days} are accepted.`);
  return valid;
}

/** Parses and validates a ccusage report; throws AppError("invalid") with the paths that are wrong. */
export function parseReport(json: unknown): ParsedReport {
  const { format, groups } = rowsOf(json);
  const rows = validateRows(groups);

  const days = new Map<string, Map<string, ModelDay>>();
  for (const row of rows) {
    const date = row.date ?? row.period!;
    const models = days.get(date) ?? new Map<string, ModelDay>();
    days.set(date, models);
    const breakdowns = row.modelBreakdowns?.length
      ? row.modelBreakdowns
      : [{ ...row, modelName: UNKNOWN_MODEL, cost: row.totalCost }];
    for (const b of breakdowns) {
      const model = models.get(b.modelName) ?? {
        model: b.modelName,
        provider: providerOf(b.modelName),
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        cost: 0n,
      };
      for (const field of TOKEN_FIELDS) model[field] += b[field];
      model.cost += usdFromNumber(b.cost);
      models.set(b.modelName, model);
      // Rows of one date are summed (projects, agents, repeated rows): checked after every addition.
      assertWithinDay(date, model, `${b.modelName}'s`);
    }
  }
  for (const [date, models] of days) assertWithinDay(date, totalsOf([...models.values()]), "the day's");
  if (days.size > LIMITS.days)
    throw invalid(`The report covers ${days.size} days; at most ${LIMITS.days} are accepted.`);

  // Models with no tokens and no cost carry no information (e.g. an empty breakdown on an idle day).
  const used = (m: ModelDay) =>
    m.inputTokens + m.outputTokens + m.cacheCreationTokens + m.cacheReadTokens > 0 || m.cost > 0n;
  const result: ReportDay[] = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, models]) => ({
      date,
      models: [...models.values()].filter(used).sort((a, b) => a.model.localeCompare(b.model)),
    }));
  const crowded = result.find((day) => day.models.length > LIMITS.modelsPerDay);
  if (crowded) {
    throw invalid(
      `${crowded.date} has ${crowded.models.length} models; at most ${LIMITS.modelsPerDay} per day are accepted.`,
    );
  }
  return { format, formatVersion: versionOf(format, rows), days: result };
}

function assertWithinDay(date: string, day: ModelDay | Totals, whose: string) {
  const over = overBound(day);
  if (over) {
    const message = `${whose} ${over.what} add up to more than the ${over.bound} one person may report for a day`;
    throw invalid(`${date}: ${message}. No real usage comes near this: check the report.`, [
      { path: date, message },
    ]);
  }
}

function versionOf(format: ParsedReport["format"], rows: DailyRow[]): string {
  if (rows.some((r) => r.period !== undefined)) return rows.some((r) => r.modelBreakdowns) ? "v19+" : "v19";
  if (format === "daily-instances" && rows.some((r) => r.project !== undefined)) return "v20+";
  return "v9+";
}
