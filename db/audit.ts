import { auditName, type Principal } from "@/lib/principal";
import type { Db } from "./index";
import { auditLog } from "./schema";

/** Records an action; pass the transaction so the entry commits (or rolls back) with the change itself. */
export async function writeAudit(
  db: Db,
  by: Principal,
  action: string,
  target: string,
  details?: Record<string, unknown>,
) {
  const actor = auditName(by);
  await db.insert(auditLog).values({ actorId: actor.id, actorName: actor.name, action, target, details });
}
