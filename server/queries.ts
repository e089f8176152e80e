import "server-only";
import { cache } from "react";
import { findPerson as findPersonUncached } from "@/db/accounts/users";
import { listGroupNames } from "@/db/groups/admin";
import { checkDatabaseHealth } from "@/db/health";
import { getDataBounds } from "@/db/stats/scope";
import { modelExists as modelExistsUncached } from "@/db/stats/models";
import { getTeamSettings } from "@/db/team-settings";

// Reads that several parts of one request ask for (a layout and its page, the access check and the period),
// memoised per request. Outside a request (the admin tool, tests) the db/ functions are called directly.

export const teamSettings = cache(getTeamSettings);
/** The earliest and latest usage dates: the home page asks whether there is any usage, then resolves its period. */
export const dataBounds = cache(getDataBounds);
export const databaseHealth = cache(checkDatabaseHealth);
export const findPerson = cache(findPersonUncached);
export const modelExists = cache(modelExistsUncached);
/** Every group's name, for the dashboards' group picker. */
export const groupNames = cache(listGroupNames);
