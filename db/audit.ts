import type { Db } from "./index";
import { auditLog } from "./schema";

/** Who did something: a signed-in user, a key's owner, or the admin command-line tool. */
export interface Actor {
  id: number | null;
  name: string;
}

export const CLI_ACTOR: Actor = { id: null, name: "cli" };

/** Records an action; pass the transaction so the entry commits (or rolls back) with the change itself. */
export async function writeAudit(
  db: Db,
  actor: Actor,
  action: string,
  target: string,
  details?: Record<string, unknown>,
) {
  await db.insert(auditLog).values({ actorId: actor.id, actorName: actor.name, action, target, details });
}
