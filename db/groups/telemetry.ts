import { inArray, sql } from "drizzle-orm";
import type { Person } from "@/lib/principal";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { groupMembers, groups } from "../schema";
import { queryRows } from "../sql";

/**
 * Puts a telemetry sender into the groups their records' resources name (the team's telemetry group
 * attribute, lib/otel/telemetry.ts). Existing groups only: a key holder cannot create groups by sending
 * telemetry, and an unknown name is ignored. Never removes anyone; each new membership is audited as the
 * sender's. Call inside the export's transaction.
 */
export async function joinTelemetryGroups(
  tx: Db,
  person: Person,
  records: readonly { group: string | null }[],
) {
  const names = [...new Set(records.map((r) => r.group).filter((g): g is string => g !== null))];
  if (names.length === 0) return;
  const joined = await queryRows<{ name: string }>(
    tx,
    sql`with added as (
          insert into ${groupMembers} (group_id, user_id)
          select id, ${person.id} from ${groups} where ${inArray(groups.name, names)}
          on conflict do nothing
          returning group_id)
        select g.name from added join ${groups} g on g.id = added.group_id order by g.name`,
  );
  for (const { name } of joined)
    await writeAudit(tx, person, "group.add", name, { usernames: [person.username], via: "telemetry" });
}
