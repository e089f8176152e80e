"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/db/keys";
import {
  changeOwnPassword,
  deleteMachine,
  deleteOwnAccount,
  deleteUsageRange,
  renameMachine,
  updateProfile,
} from "@/db/accounts/self-service";
import { action, requireConfirmation } from "@/server/action";
import { AppError } from "@/lib/errors";
import { signIn, signOut } from "@/server/auth/next-auth";
import type { Viewer } from "@/server/auth/viewer";
import { passwordSchema } from "@/lib/password";
import { calendarDateSchema } from "@/lib/period";
import { machineSchema } from "@/lib/upload-params";

// Self-service: every action here acts on the signed-in person's own account and data only.

const date = calendarDateSchema;
const confirmName = (viewer: Viewer, typed: string, what: string) =>
  requireConfirmation(typed.toLowerCase(), viewer.username, `Type your username to confirm ${what}.`);

export const saveProfile = action(
  "member",
  z.object({
    displayName: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    hidden: z.boolean(),
  }),
  async (input, { viewer }) => {
    await updateProfile(viewer, {
      displayName: input.displayName,
      hiddenFromLeaderboard: input.hidden,
    });
    return { message: "Profile saved." };
  },
);

export const changePassword = action(
  "member",
  z
    .object({
      current: z.string().min(1, "Enter your current password."),
      next: passwordSchema,
      confirm: z.string(),
    })
    .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "does not match the new password" }),
  async (input, { viewer }) => {
    await changeOwnPassword(viewer, input.current, input.next);
    // That ended all their sessions, so anyone still signed in with the old password is out; this
    // browser signs in again with the new one.
    try {
      await signIn("credentials", { username: viewer.username, password: input.next, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return { message: "Password changed. Sign in again with your new password." };
    }
    return { message: "Password changed. You are signed out everywhere else." };
  },
  { beforeOwnPassword: true },
);

export const createOwnKey = action(
  "member",
  z.object({
    name: z
      .string()
      .trim()
      .min(1, "Give the key a name, e.g. the machine it is for.")
      .max(100, "must be at most 100 characters"),
    expires: z.union([z.literal(""), date]),
  }),
  async (input, { viewer }) => {
    const expiresAt = input.expires ? new Date(`${input.expires}T23:59:59Z`) : null;
    if (expiresAt && expiresAt.getTime() < Date.now()) {
      throw new AppError("invalid", "must be today or later", { field: "expires" });
    }
    const key = await createApiKey(
      { userId: viewer.id, username: viewer.username, name: input.name, expiresAt },
      viewer,
    );
    return { key: key.key, hint: key.hint, name: key.name };
  },
);

export const revokeOwnKey = action(
  "member",
  z.object({ id: z.coerce.number().int().positive() }),
  async (input, { viewer }) => {
    // Restricted to the viewer's keys: another person's key id is "not found".
    const key = await revokeApiKey(String(input.id), viewer, { userId: viewer.id });
    return { message: `Revoked ${key.hint}.` };
  },
);

export const renameOwnMachine = action(
  "member",
  z.object({ from: z.string().min(1), to: machineSchema }),
  async (input, { viewer }) => {
    await renameMachine(viewer, input.from, input.to);
    return { message: `Renamed to "${input.to}".` };
  },
);

export const deleteOwnMachine = action(
  "member",
  z.object({ name: z.string().min(1), confirm: z.string() }),
  async (input, { viewer }) => {
    requireConfirmation(input.confirm, input.name);
    await deleteMachine(viewer, input.name);
    return { message: `Deleted "${input.name}" and its usage.` };
  },
);

export const deleteOwnUsage = action(
  "member",
  z
    .object({ from: date, to: date, confirm: z.string() })
    .refine((v) => v.from <= v.to, { path: ["to"], message: "must not be before from" }),
  async (input, { viewer }) => {
    confirmName(viewer, input.confirm, "the deletion");
    const days = await deleteUsageRange(viewer, input.from, input.to);
    return { message: `Deleted ${days} ${days === 1 ? "day" : "days"} of usage.` };
  },
);

export const deleteAccount = action(
  "member",
  z.object({ password: z.string().min(1, "Enter your password."), confirm: z.string() }),
  async (input, { viewer }) => {
    confirmName(viewer, input.confirm, "deleting your account");
    await deleteOwnAccount(viewer, input.password);
    await signOut({ redirectTo: "/signin" });
    return { message: "Account deleted." };
  },
);
