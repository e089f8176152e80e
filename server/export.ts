import "server-only";
import { readPersonExport } from "@/db/export/person";
import { listExportPeople, readTeamExport, recordExport } from "@/db/export/team";
import { loggable } from "@/lib/errors";
import { todayIn } from "@/lib/period";
import type { Person } from "@/lib/principal";
import { teamSettings } from "./queries";

// The data exports as JSON downloads. The team's is written one person at a time as the client reads it,
// so memory holds one person's rows however large the team (a year of daily rows is a few thousand each).

/** Identifies the file's shape, for whoever reads it later. */
const FORMAT = { format: "claude-code-stats-export", version: 1 };

async function download(name: string) {
  const day = todayIn((await teamSettings()).timezone);
  return {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Disposition": `attachment; filename="claude-code-stats-${name}-${day}.json"`,
    "Cache-Control": "no-store",
  };
}

/** Everything stored about `person`, as a download (audited). */
export async function personExportResponse(by: Person, person: Person): Promise<Response> {
  const data = await readPersonExport(by, person.id);
  await recordExport(by, { person: person.username });
  const body = { ...FORMAT, exportedAt: new Date(), ...data };
  return new Response(JSON.stringify(body, null, 1), { headers: await download(person.username) });
}

/** Everything, for admins: the team's settings, groups, budgets, webhooks and alerts, then every person. */
export async function teamExportResponse(by: Person): Promise<Response> {
  const [team, people] = await Promise.all([readTeamExport(by), listExportPeople(by)]);
  await recordExport(by, { team: people.length });
  const head = JSON.stringify({ ...FORMAT, exportedAt: new Date(), team }).slice(0, -1);
  const encoder = new TextEncoder();
  let next = -1;
  let written = 0;
  const stream = new ReadableStream<Uint8Array>({
    // Called whenever the client has room for more: one person per call.
    async pull(controller) {
      try {
        if (next === -1) controller.enqueue(encoder.encode(`${head},"people":[`));
        else if (next < people.length) {
          const person = await readPersonExport(by, people[next].id).catch((error) => {
            if ((error as { code?: string }).code === "not_found") return null; // deleted meanwhile
            throw error;
          });
          if (person) {
            controller.enqueue(encoder.encode(`${written > 0 ? "," : ""}\n${JSON.stringify(person)}`));
            written++;
          }
        } else {
          controller.enqueue(encoder.encode("\n]}\n"));
          controller.close();
        }
        next++;
      } catch (error) {
        // The headers are sent: ending the body early leaves JSON that does not parse, so it cannot pass as whole.
        console.error("[export] the team export failed part way:", loggable(error));
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers: await download("team") });
}
