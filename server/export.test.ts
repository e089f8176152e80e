import { expect, it } from "vitest";
import { createUser } from "@/db/accounts/users";
import { readPersonExport } from "@/db/export/person";
import { listAudit } from "@/db/accounts/admin";
import { ingestUsage } from "@/db/upload";
import { parseReport } from "@/lib/ccusage/parse";
import { CLI } from "@/lib/principal";
import { dailyReport } from "@/lib/seed/reports";
import { describeEachDriver, uniqueName } from "@/test/database";
import { personExportResponse, teamExportResponse } from "./export";

describeEachDriver("export downloads", () => {
  it("streams the team export as one JSON document holding every person, and audits it", async () => {
    const admin = await createUser({ username: uniqueName("adm"), role: "admin" }, CLI);
    const member = await createUser({ username: uniqueName("mem"), role: "member" }, CLI);
    await ingestUsage({
      by: member,
      machine: "laptop",
      report: parseReport(dailyReport({ "2024-04-04": { "claude-a": [7, 0.7] } })),
      mode: "merge",
      dryRun: false,
    });
    const response = await teamExportResponse(admin);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="claude-code-stats-team-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const file = JSON.parse(await response.text());
    expect(file).toMatchObject({ format: "claude-code-stats-export", version: 1, team: { settings: {} } });
    const usernames = file.people.map((p: { profile: { username: string } }) => p.profile.username);
    expect(usernames).toEqual(expect.arrayContaining([admin.username, member.username]));
    const theirs = file.people.find(
      (p: { profile: { username: string } }) => p.profile.username === member.username,
    );
    expect(theirs).toEqual(JSON.parse(JSON.stringify(await readPersonExport(member, member.id))));
    expect(theirs.dailyUsage).toMatchObject([
      { date: "2024-04-04", model: "claude-a", inputTokens: 7, cost: 0.7 },
    ]);
    const [entry] = await listAudit(CLI, { action: "export.team", actor: admin.username });
    expect(entry).toMatchObject({ target: "team", details: { people: file.people.length } });
  });

  it("names the personal download after the person, and audits it", async () => {
    const member = await createUser({ username: uniqueName("mem"), role: "member" }, CLI);
    const response = await personExportResponse(member, member);
    expect(response.headers.get("content-disposition")).toContain(`claude-code-stats-${member.username}-`);
    const file = await response.json();
    expect(file.profile.username).toBe(member.username);
    const [entry] = await listAudit(CLI, { action: "export.person", actor: member.username });
    expect(entry).toMatchObject({ target: member.username });
  });
});
