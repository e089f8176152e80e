import { eq } from "drizzle-orm";
import { getDb } from "./index";
import { teamSettings } from "./schema";

export async function getTeamSettings() {
  const db = await getDb();
  const [row] = await db.select().from(teamSettings).where(eq(teamSettings.id, 1));
  return row;
}
