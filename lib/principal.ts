import { AppError } from "./errors";

// Who is acting, wherever something is done: a person (signed in, or the owner of an upload key) or the
// admin command-line tool. Data functions take the principal and check what it may do themselves.

export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: number;
  username: string;
  role: Role;
}

/** The admin command-line tool: acts as an admin, and is named "cli" in the audit log. */
export const CLI = { cli: true } as const;
export type Principal = Person | typeof CLI;

const isCli = (p: Principal): p is typeof CLI => "cli" in p;

export const isAdmin = (p: Principal): boolean => isCli(p) || p.role === "admin";

export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) throw new AppError("forbidden", "Only admins may do this.");
}

/** May `p` act on the account of user `userId`: that person themselves, or an admin. */
export function requireSelfOrAdmin(p: Principal, userId: number): void {
  if (!isAdmin(p) && (p as Person).id !== userId) throw new AppError("forbidden", "Only admins may do this.");
}

/** May `p` upload for `username` (?user=): their own name, or anyone's as an admin. */
export function requireUploadFor(p: Person, username: string | undefined): void {
  if (username && username !== p.username && p.role !== "admin") {
    throw new AppError("forbidden", "Only admins may upload for another user (?user=).");
  }
}

/** How the audit log names the principal: the person (by id and name), or "cli". */
export function auditName(p: Principal): { id: number | null; name: string } {
  return isCli(p) ? { id: null, name: "cli" } : { id: p.id, name: p.username };
}
