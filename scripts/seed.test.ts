import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generateTeam } from "@/lib/seed/generator";

const run = promisify(execFile);

describe("seed", () => {
  it("generates a deterministic team with heavy and light users and quiet weekends", () => {
    const options = { people: 20, days: 70, endDate: "2026-03-01", seed: 7 };
    const team = [...generateTeam(options)];
    expect([...generateTeam(options)]).toEqual(team);
    expect(new Set(team.map((p) => p.username)).size).toBe(20);
    const costs = team.map((p) =>
      p.uploads
        .flatMap((u) => u.report.daily as { totalCost: number }[])
        .reduce((n, d) => n + d.totalCost, 0),
    );
    expect(Math.max(...costs)).toBeGreaterThan(4 * Math.min(...costs));
    const dates = team.flatMap((p) =>
      p.uploads.flatMap((u) => (u.report.daily as { date: string }[]).map((d) => d.date)),
    );
    const weekend = dates.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length;
    expect(weekend / dates.length).toBeLessThan(0.15);
    const full = [...generateTeam({ ...options, people: 2, days: 10, full: true })];
    expect(full.flatMap((p) => p.uploads.flatMap((u) => u.report.daily))).toHaveLength(20);
  });

  it("fills an empty embedded database and refuses a non-empty one", { timeout: 60_000 }, async () => {
    const env = {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "ccs-seed-")),
    };
    const seed = (...args: string[]) =>
      run(path.resolve("node_modules/.bin/tsx"), ["scripts/seed.ts", ...args], { env });
    const first = await seed("--people", "3", "--days", "14");
    expect(first.stdout).toMatch(/^Seeded 3 people, 14 days, \d+ uploads/);
    await expect(seed("--people", "3", "--days", "14")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Pass --force"),
    });
    expect((await seed("--people", "1", "--days", "3", "--force")).stdout).toMatch(/^Seeded 1 people/);
  });
});
