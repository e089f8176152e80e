import path from "node:path";
import { z } from "zod";

// Environment is read through these functions (not at import time) so tests and the CLI can set it first.

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().trim().default("data"),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_CONNECT_TIMEOUT_S: positiveInt(10),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(30_000),
});

export interface DatabaseConfig {
  /** postgres:// URL, or undefined for the embedded PGlite database. */
  url: string | undefined;
  /** Absolute path of the data directory (PGlite files, generated secrets). */
  dataDir: string;
  poolSize: number;
  connectTimeoutSeconds: number;
  statementTimeoutMs: number;
}

export function readDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const parsed = databaseEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    url: e.DATABASE_URL,
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), e.DATA_DIR || "data"),
    poolSize: e.DATABASE_POOL_SIZE,
    connectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_S,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}
