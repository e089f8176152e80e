import { z } from "zod";
import { usernameSchema } from "./username";

// A group's name is what `?group=` and the admin tool take: the same format as a username, lowercased.
export const groupNameSchema = usernameSchema;

export const groupDisplayNameSchema = z.string().trim().max(100, "must be at most 100 characters");

// The OTEL_RESOURCE_ATTRIBUTES key whose value names a telemetry sender's group (e.g. "team.id"); ""
// turns automatic grouping off.
export const telemetryGroupAttributeSchema = z
  .string()
  .trim()
  .regex(
    /^([A-Za-z0-9._/-]{1,100})?$/,
    "must be an attribute key such as team.id (letters, digits, '.', '_', '-', '/')",
  )
  .transform((v) => v || null);
