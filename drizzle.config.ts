import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database. `db:studio` connects to DATABASE_URL only: never point
// drizzle-kit at a live PGlite directory (a second process would corrupt it).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./drizzle",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/postgres" },
});
