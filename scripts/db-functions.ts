// The SQL functions' sources are db/functions/<name>.sql; migrations are generated from them. For each
// source whose statement differs from the one its latest migration holds, this writes a new migration
// (drizzle-kit's custom migration, so the journal stays Drizzle's): `npm run db:generate` runs it after
// drizzle-kit's own schema diff.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const FUNCTIONS = path.resolve("db/functions");
const MIGRATIONS = path.resolve("drizzle");

/** The CREATE OR REPLACE FUNCTION statement of `sql` for `name` (from its first line to `$$;`). */
function statementOf(sql: string, name: string): string | undefined {
  const start = sql.search(new RegExp(`CREATE OR REPLACE FUNCTION ${name}\\(`));
  if (start < 0) return undefined;
  const end = sql.indexOf("$$;", sql.indexOf("$$", sql.indexOf("AS $$", start) + 5) - 1);
  return sql.slice(start, end + 3).trim();
}

/** Each function's source: its name, the whole file, and the statement it holds. */
export function functionSources(): { name: string; file: string; statement: string }[] {
  return fs
    .readdirSync(FUNCTIONS)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.sql$/, "");
      const file = fs.readFileSync(path.join(FUNCTIONS, f), "utf8");
      return { name, file, statement: statementOf(file, name)! };
    });
}

/** The statement the latest migration that defines `name` holds, if any does. */
export function latestMigrated(name: string): string | undefined {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  for (const { tag } of [...journal.entries].reverse()) {
    const found = statementOf(fs.readFileSync(path.join(MIGRATIONS, `${tag}.sql`), "utf8"), name);
    if (found) return found;
  }
  return undefined;
}

/** The body between a function statement's $$ markers: what PostgreSQL keeps as its source. */
export function bodyOf(statement: string): string {
  return statement.slice(statement.indexOf("$$") + 2, statement.lastIndexOf("$$"));
}

/** Sources in an order where each comes after the functions it calls (a SQL function's body is checked). */
function inCallOrder(sources: ReturnType<typeof functionSources>) {
  const ordered: typeof sources = [];
  const visit = (source: (typeof sources)[number], path: string[]) => {
    if (ordered.includes(source) || path.includes(source.name)) return;
    for (const other of sources)
      if (other !== source && new RegExp(`\\b${other.name}\\(`).test(bodyOf(source.statement)))
        visit(other, [...path, source.name]);
    ordered.push(source);
  };
  for (const source of sources) visit(source, []);
  return ordered;
}

function main() {
  for (const source of inCallOrder(functionSources())) {
    if (latestMigrated(source.name) === source.statement) continue;
    const before = new Set(fs.readdirSync(MIGRATIONS));
    execFileSync("node_modules/.bin/drizzle-kit", ["generate", "--custom", "--name", source.name], {
      stdio: "inherit",
    });
    const created = fs.readdirSync(MIGRATIONS).find((f) => f.endsWith(".sql") && !before.has(f));
    if (!created) throw new Error(`drizzle-kit made no migration for ${source.name}`);
    fs.writeFileSync(path.join(MIGRATIONS, created), source.file);
    console.log(`${source.name}: changed, written to drizzle/${created}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
