import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { databaseError } from "@/lib/errors";
import { loggable } from "@/lib/errors";
import { describeEachDriver } from "@/test/database";

const asLogged = (error: unknown) =>
  JSON.stringify(loggable(error), (_, v) => (v instanceof Error ? { ...v, message: v.message } : v));

describeEachDriver("database errors", ({ database }) => {
  it("are logged without the values they refused or the data around them", async () => {
    const fragment = "secret-fragment-of-a-payload";
    const cast = await database()
      .db.execute(sql`select ${fragment}::int`)
      .catch((e: unknown) => e);
    expect(databaseError(cast)?.code).toBe("22P02");
    expect(asLogged(cast)).toContain("22P02");
    expect(asLogged(cast)).not.toContain(fragment);

    // PostgreSQL quotes the JSON around a bad escape in the error's context.
    const json = await database()
      .db.execute(sql`select ${`{"daily": "${fragment} \\u0000"}`}::jsonb`)
      .catch((e: unknown) => e);
    expect(databaseError(json)?.code).toMatch(/^22/);
    expect(asLogged(json)).not.toContain(fragment);
  });
});
