import { defineConfig } from "drizzle-kit";

// `db:generate` needs no database. `db:studio` connects to DATABASE_URL only: never point drizzle-kit at
// a live embedded (PGlite) directory, since a second process would corrupt it.
if (process.argv.includes("studio") && !process.env.DATABASE_URL) {
  throw new Error(
    "db:studio needs DATABASE_URL (a PostgreSQL server); it cannot open the embedded database.",
  );
}

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./drizzle",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "" },
});
