import "server-only";
import { AppError } from "@/lib/errors";
import type { StatsQuery } from "@/lib/stats/query";
import { scopeOf, type Scope, type ScopeGroup } from "@/lib/stats/scope";
import { findGroup } from "@/db/groups/admin";
import { dataBounds, teamSettings } from "../queries";

/** The query's group, or an "invalid" error naming `group` (as the query's own checks do) when there is none. */
async function groupOf(name: string | undefined): Promise<ScopeGroup | null> {
  if (name === undefined) return null;
  const group = await findGroup(name);
  if (group) return group;
  const message = `no group is named "${name}"`;
  throw new AppError("invalid", `Invalid parameters: group ${message}.`, {
    problems: [{ path: "group", message }],
  });
}

/** Resolves the query's period against today in the team's timezone, and its group. */
export async function resolveScope(query: StatsQuery, now = new Date()): Promise<Scope> {
  // None needs another: one round trip, not three.
  const [{ timezone }, data, group] = await Promise.all([teamSettings(), dataBounds(), groupOf(query.group)]);
  return scopeOf(query, { timezone, data, group }, now);
}
