"use server";

import { z } from "zod";
import { signIn } from "@/server/auth/next-auth";
import { action } from "@/server/action";
import { createFirstAdmin } from "@/db/accounts/setup";
import { passwordSchema } from "@/lib/password";
import { usernameSchema } from "@/lib/username";

const setupSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().max(100, "must be at most 100 characters"),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "does not match the password" });

export const setUpFirstAdmin = action("public", setupSchema, async (input) => {
  await createFirstAdmin(input);
  await signIn("credentials", {
    username: input.username,
    password: input.password,
    redirectTo: "/settings/keys",
  });
  return { message: "Admin created." };
});
