import { cache } from "react";
import { modelExists } from "@/db/stats/models";
import { findPerson } from "@/db/stats/person";

// Per-request memoised lookups: a segment layout checks existence (so an unknown name is a real 404,
// decided before the page's loading state starts streaming) and the page reuses the answer.
export const loadPerson = cache((username: string) => findPerson(username));
export const loadModelExists = cache((model: string) => modelExists(model));
