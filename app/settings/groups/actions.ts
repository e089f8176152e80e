"use server";

import { z } from "zod";
import { addMembers, createGroup, deleteGroup, removeMembers } from "@/db/groups/admin";
import { groupDisplayNameSchema, groupNameSchema } from "@/lib/group-name";
import { usernameSchema } from "@/lib/username";
import { action, requireConfirmation } from "@/server/action";

// Settings → Groups: admins only (the wrapper checks, and the data functions check the role again).

const group = z.object({ group: groupNameSchema });
// Several people at once: usernames separated by spaces or commas.
const usernames = z
  .string()
  .transform((text) => text.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(usernameSchema).min(1, "name at least one person"));

const names = (people: string[]) => (people.length ? people.join(", ") : "nobody new");

export const adminCreateGroup = action(
  "admin",
  z.object({ name: groupNameSchema, displayName: groupDisplayNameSchema }),
  async (input, { viewer }) => {
    const created = await createGroup(input, viewer);
    return { message: `Created the group ${created.name}.` };
  },
);

export const adminAddToGroup = action("admin", group.extend({ usernames }), async (input, { viewer }) => {
  const added = await addMembers(input.group, input.usernames, viewer);
  return { message: `Added ${names(added)} to ${input.group}.` };
});

export const adminRemoveFromGroup = action(
  "admin",
  group.extend({ username: usernameSchema }),
  async (input, { viewer }) => {
    await removeMembers(input.group, [input.username], viewer);
    return { message: `Removed ${input.username} from ${input.group}.` };
  },
);

export const adminDeleteGroup = action(
  "admin",
  group.extend({ confirm: z.string() }),
  async (input, { viewer }) => {
    requireConfirmation(input.confirm.toLowerCase(), input.group);
    await deleteGroup(input.group, viewer);
    return { message: `Deleted the group ${input.group}; its members and their usage stay.` };
  },
);
