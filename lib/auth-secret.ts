import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const MIN_LENGTH = 32;

/**
 * The secret that signs sessions: AUTH_SECRET when set, otherwise one generated on first run and kept
 * in `<dataDir>/auth-secret` (mode 600), so a first run needs no configuration and sessions survive
 * restarts. Several servers sharing one PostgreSQL must set AUTH_SECRET to the same value.
 */
export function resolveAuthSecret(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const fromEnv = env.AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;

  const file = path.join(dataDir, "auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(
      `${file} holds a secret shorter than ${MIN_LENGTH} characters: delete it to generate a new one.`,
    );
  }
  return secret;
}
