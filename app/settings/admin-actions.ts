"use server";

import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/db/keys";
import { linkTelemetryEmail } from "@/db/telemetry-admin";
import {
  createUserWithOneTimePassword,
  resetPasswordToOneTime,
  setDisabled,
  setRole,
} from "@/db/accounts/admin";
import { COST_MODES, VISIBILITIES, ROLES } from "@/db/schema";
import { removePriceOverride, setCostMode, setPriceOverride } from "@/db/prices";
import { priceDateSchema, priceKeySchema, priceOverrideSchema } from "@/lib/prices/override";
import { COST_MODE_LABELS } from "@/lib/prices/cost-modes";
import { updateTeamSettings } from "@/db/team-settings";
import { deleteUser } from "@/db/accounts/users";
import { action, requireConfirmation } from "@/server/action";
import { checkBudgetsAfterResponse } from "@/server/budget-checks";
import { usernameSchema } from "@/lib/username";
import { telemetryGroupAttributeSchema } from "@/lib/group-name";

// Admin actions: the wrapper refuses non-admins, and the data functions check the role again.

const username = z.object({ username: usernameSchema });

export const adminCreateUser = action(
  "admin",
  z.object({
    username: usernameSchema,
    displayName: z.string().trim().max(100, "must be at most 100 characters"),
    email: z.union([z.literal(""), z.email("must be an email address")]),
    role: z.enum(ROLES),
  }),
  async (input, { viewer }) => {
    const { user, password } = await createUserWithOneTimePassword(viewer, {
      ...input,
      email: input.email || undefined,
    });
    return { username: user.username, password };
  },
);

export const adminSetRole = action(
  "admin",
  username.extend({ role: z.enum(ROLES) }),
  async (input, { viewer }) => {
    await setRole(viewer, input.username, input.role);
    return { message: `${input.username} is now ${input.role === "admin" ? "an admin" : "a member"}.` };
  },
);

export const adminResetPassword = action("admin", username, async (input, { viewer }) => {
  const password = await resetPasswordToOneTime(viewer, input.username);
  return { username: input.username, password };
});

export const adminSetDisabled = action(
  "admin",
  // The users page sends the wanted state as a hidden "true" or "false".
  username.extend({
    disabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  }),
  async (input, { viewer }) => {
    await setDisabled(viewer, input.username, input.disabled);
    return { message: `${input.username} is ${input.disabled ? "disabled" : "enabled"}.` };
  },
);

export const adminDeleteUser = action(
  "admin",
  username.extend({ confirm: z.string() }),
  async (input, { viewer }) => {
    requireConfirmation(input.confirm.toLowerCase(), input.username);
    await deleteUser(input.username, viewer);
    return { message: `Deleted ${input.username} and all their data.` };
  },
);

export const adminRevokeKey = action(
  "admin",
  z.object({ id: z.coerce.number().int().positive() }),
  async (input, { viewer }) => {
    const key = await revokeApiKey(String(input.id), viewer);
    return { message: `Revoked ${key.hint} of ${key.username}.` };
  },
);

const optionalLimit = (max: number) =>
  z.union([
    z.literal(""),
    z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .min(0, "must not be negative")
      .max(max, `must be at most ${max}`),
  ]);

export const adminSaveTeam = action(
  "admin",
  z.object({
    teamName: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    timezone: z.string().trim().min(1, "must not be empty"),
    visibility: z.enum(VISIBILITIES),
    uploadMaxMegabytes: optionalLimit(100),
    uploadRatePerMinute: optionalLimit(10_000),
    // Optional: forms from before this setting existed leave it as it is.
    uploadRetentionDays: optionalLimit(36_500).optional(),
    telemetryRetentionDays: z
      .union([
        z.literal(""),
        z.coerce
          .number("must be a number")
          .int("must be a whole number")
          .min(1, "must be at least 1")
          .max(3650, "must be at most 3650"),
      ])
      .optional(),
    auditRetentionDays: optionalLimit(36_500).optional(),
    telemetryGroupAttribute: telemetryGroupAttributeSchema.optional(),
  }),
  async (input, { viewer }) => {
    await updateTeamSettings(
      {
        teamName: input.teamName,
        timezone: input.timezone,
        visibility: input.visibility,
        uploadMaxBytes:
          input.uploadMaxMegabytes === "" ? null : Math.round(input.uploadMaxMegabytes * 1024 * 1024),
        uploadRatePerMinute: input.uploadRatePerMinute === "" ? null : input.uploadRatePerMinute,
        ...(input.uploadRetentionDays === undefined
          ? {}
          : { uploadRetentionDays: input.uploadRetentionDays === "" ? null : input.uploadRetentionDays }),
        ...(input.telemetryRetentionDays === undefined
          ? {}
          : {
              telemetryRetentionDays:
                input.telemetryRetentionDays === "" ? null : input.telemetryRetentionDays,
            }),
        ...(input.auditRetentionDays === undefined
          ? {}
          : { auditRetentionDays: input.auditRetentionDays === "" ? null : input.auditRetentionDays }),
        ...(input.telemetryGroupAttribute === undefined
          ? {}
          : { telemetryGroupAttribute: input.telemetryGroupAttribute }),
      },
      viewer,
    );
    return { message: "Team settings saved." };
  },
);

export const adminCreateTeamKey = action(
  "admin",
  z.object({
    name: z.string().trim().min(1, "Give the key a name.").max(100, "must be at most 100 characters"),
  }),
  async (input, { viewer }) => {
    const key = await createApiKey(
      { userId: viewer.id, username: viewer.username, name: input.name, kind: "team" },
      viewer,
    );
    return { key: key.key, hint: key.hint, name: key.name };
  },
);

export const adminLinkTelemetryEmail = action(
  "admin",
  z.object({ email: z.email("must be an email address"), username: usernameSchema }),
  async (input, { viewer }) => {
    const claimed = await linkTelemetryEmail(viewer, input.email, input.username);
    checkBudgetsAfterResponse(); // their held usage now counts as theirs
    return {
      message: `${input.email} is ${input.username}'s now: ${claimed.events} API requests and their activity count as theirs.`,
    };
  },
);

export const adminSetPrice = action("admin", priceOverrideSchema, async (input, { viewer }) => {
  const { people, priceKey } = await setPriceOverride(viewer, input);
  checkBudgetsAfterResponse(); // re-priced spend may cross a budget's threshold
  return { message: `${priceKey} costs that from ${input.from} on; ${repriced(people)}.` };
});

const datedKey = z.object({ priceKey: priceKeySchema, from: priceDateSchema });

export const adminEndPrice = action("admin", datedKey, async (input, { viewer }) => {
  const { people, priceKey } = await setPriceOverride(viewer, { ...input, prices: null });
  checkBudgetsAfterResponse();
  return {
    message: `${priceKey} takes the price book's price again from ${input.from}; ${repriced(people)}.`,
  };
});

export const adminRemovePrice = action("admin", datedKey, async (input, { viewer }) => {
  const { people } = await removePriceOverride(viewer, input.priceKey, input.from);
  checkBudgetsAfterResponse();
  return { message: `Removed the override of ${input.priceKey} from ${input.from}; ${repriced(people)}.` };
});

export const adminSetCostMode = action(
  "admin",
  z.object({ costMode: z.enum(COST_MODES) }),
  async (input, { viewer }) => {
    const { people } = await setCostMode(viewer, input.costMode);
    checkBudgetsAfterResponse();
    return {
      message: `Costs now show ${COST_MODE_LABELS[input.costMode].toLowerCase()}; ${repriced(people)}.`,
    };
  },
);

const repriced = (people: number) =>
  people === 1 ? "1 person's days were re-priced" : `${people} people's days were re-priced`;
