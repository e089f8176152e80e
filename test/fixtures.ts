import fs from "node:fs";
import path from "node:path";

/** Real ccusage output (v9 to v20) from synthetic transcripts; see test/fixtures/ccusage/README.md. */
export const FIXTURES_DIR = path.resolve("test/fixtures/ccusage");

export interface Fixture {
  name: string;
  json: { totals?: Record<string, number> } & Record<string, unknown>;
  text: string;
}

function load(name: string): Fixture {
  const text = fs.readFileSync(path.join(FIXTURES_DIR, name), "utf8");
  return { name, text, json: JSON.parse(text) };
}

const all = fs
  .readdirSync(FIXTURES_DIR)
  .filter((dir) => dir.startsWith("v"))
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES_DIR, dir))
      .filter((f) => f.endsWith(".json"))
      .map((f) => `${dir}/${f}`),
  )
  .sort();

const isDaily = (name: string) =>
  /\/(claude-)?daily[^/]*\.json$/.test(name) || name.includes("with-codex-daily");

/** Every per-day report (classic, multi-agent, --instances, --breakdown, --by-agent, other timezones). */
export const dailyFixtures = (): Fixture[] => all.filter(isDaily).map(load);
/** Every report that is not per day (weekly, monthly, session, blocks). */
export const otherFixtures = (): Fixture[] => all.filter((name) => !isDaily(name)).map(load);
export const fixture = load;
