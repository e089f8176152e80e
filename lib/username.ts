import { z } from "zod";

// Usernames are lowercased on the way in, so "Alice" and "alice" can never be two people.
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{1,50}$/, "must be 1-50 characters: letters, digits, '.', '_' or '-'");
