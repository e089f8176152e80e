import { eq } from "drizzle-orm";
import { isValidTimeZone } from "@/lib/period";
import { readAuditRetentionDays, readTelemetryConfig, readUploadConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { requireAdmin, type Principal } from "@/lib/principal";
import { writeAudit } from "./audit";
import { getDb } from "./index";
import { teamSettings, type TeamSettings } from "./schema";

/** The team's settings (server/queries.ts memoises this per request). */
export async function getTeamSettings(): Promise<TeamSettings> {
  const db = await getDb();
  const [row] = await db.select().from(teamSettings).where(eq(teamSettings.id, 1));
  return row;
}

export type TeamSettingsChange = Partial<
  Pick<
    TeamSettings,
    | "teamName"
    | "timezone"
    | "visibility"
    | "uploadMaxBytes"
    | "uploadRatePerMinute"
    | "uploadRetentionDays"
    | "telemetryRetentionDays"
    | "auditRetentionDays"
    | "telemetryGroupAttribute"
  >
>;

/** Upload limits in force: the team's settings where set, else the environment's defaults. */
export async function getUploadLimits() {
  return uploadLimits(await getTeamSettings());
}

export function uploadLimits(team: TeamSettings) {
  const env = readUploadConfig();
  return {
    maxBytes: team.uploadMaxBytes ?? env.maxBytes,
    ratePerMinute: team.uploadRatePerMinute ?? env.ratePerMinute,
    retentionDays: team.uploadRetentionDays ?? env.retentionDays,
  };
}

/** Days raw telemetry is kept (to spot repeats, and for admins to look at): the team's, else the environment's. */
export function telemetryRetentionDays(team: TeamSettings): number {
  return team.telemetryRetentionDays ?? readTelemetryConfig().retentionDays;
}

/** Days audit log entries are kept (0: forever): the team's, else the environment's. */
export function auditRetentionDays(team: TeamSettings): number {
  return team.auditRetentionDays ?? readAuditRetentionDays();
}

/** Changes team settings (admins only) and records what changed (from and to) in the audit log. */
export async function updateTeamSettings(change: TeamSettingsChange, by: Principal): Promise<TeamSettings> {
  requireAdmin(by);
  if (change.timezone !== undefined && !isValidTimeZone(change.timezone)) {
    throw new AppError(
      "invalid",
      `"${change.timezone}" is not a timezone: use an IANA name such as Europe/Berlin or UTC.`,
      { field: "timezone" },
    );
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(teamSettings).where(eq(teamSettings.id, 1)).for("update");
    const [after] = await tx.update(teamSettings).set(change).where(eq(teamSettings.id, 1)).returning();
    const changed = Object.fromEntries(
      Object.keys(change)
        .filter((k) => before[k as keyof TeamSettingsChange] !== after[k as keyof TeamSettingsChange])
        .map((k) => [
          k,
          { from: before[k as keyof TeamSettingsChange], to: after[k as keyof TeamSettingsChange] },
        ]),
    );
    if (Object.keys(changed).length > 0) await writeAudit(tx, by, "team.update", "team", changed);
    return after;
  });
}
