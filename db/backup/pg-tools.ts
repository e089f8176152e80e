import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@/lib/errors";

// pg_dump and pg_restore come with the PostgreSQL client tools, not with this app. pg_dump refuses a server
// newer than itself, and pg_restore an archive from a newer pg_dump, so each is picked by its major version.

const run = promisify(execFile);

export type PgTool = "pg_dump" | "pg_restore";

/** Where to look: PG_BIN_DIR alone when set, else the server's own version's directory, PATH, then every installed version. */
function candidateDirs(serverMajor: number, env: NodeJS.ProcessEnv): string[] {
  if (env.PG_BIN_DIR) return [env.PG_BIN_DIR];
  const installed = (() => {
    try {
      return fs
        .readdirSync("/usr/lib/postgresql")
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`);
    } catch {
      return [];
    }
  })();
  const onPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return [...new Set([`/usr/lib/postgresql/${serverMajor}/bin`, ...onPath, ...installed])];
}

/** The major version a tool reports (`pg_dump (PostgreSQL) 15.20 (Debian …)` is 15; 9.6 stays 9.6). */
async function majorOf(file: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(file, ["--version"]);
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!match) return undefined;
    return Number(match[1]) < 10 && match[2] !== undefined ? `${match[1]}.${match[2]}` : match[1];
  } catch {
    return undefined;
  }
}

/**
 * The path of `tool` able to work with a server of `serverMajor` (its major version at least the server's),
 * or an error saying what was found and what to install.
 */
export async function findPgTool(
  tool: PgTool,
  serverMajor: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dirs = candidateDirs(serverMajor, env);
  const tooOld: string[] = [];
  for (const dir of dirs) {
    const file = path.join(dir, tool);
    if (!fs.existsSync(file)) continue;
    const major = await majorOf(file);
    if (major !== undefined && Number(major) >= serverMajor) return file;
    tooOld.push(`${file} is version ${major ?? "unknown"}`);
  }
  const install = `Install the PostgreSQL ${serverMajor} client tools (e.g. apt install postgresql-client-${serverMajor}), or set PG_BIN_DIR to the directory holding ${tool} ${serverMajor} or later.`;
  const where = env.PG_BIN_DIR ? `PG_BIN_DIR (${env.PG_BIN_DIR})` : "PATH and /usr/lib/postgresql/*/bin";
  if (tooOld.length)
    throw new AppError(
      "unavailable",
      `${tool} is too old for this PostgreSQL ${serverMajor} server: ${tooOld.join("; ")}. ${install}`,
    );
  throw new AppError("unavailable", `${tool} was not found in ${where}. ${install}`);
}

/** Runs a PostgreSQL tool, turning a failure into an error that carries its own message. */
export async function runPgTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(file, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new AppError("unavailable", `${path.basename(file)} failed: ${stderr || (error as Error).message}`);
  }
}
