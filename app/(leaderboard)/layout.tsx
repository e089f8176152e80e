import { redirect } from "next/navigation";
import { databaseHealth } from "@/server/queries";
import { adminExists } from "@/db/accounts/setup";
import { requirePageReader } from "@/server/auth/access";

// Checks run here, above the page's loading state, so redirects are real HTTP redirects (a page that
// has started streaming can only redirect on the client).
export default async function LeaderboardLayout({ children }: { children: React.ReactNode }) {
  if ((await databaseHealth()).reachable) {
    if (!(await adminExists())) redirect("/setup");
    await requirePageReader("/");
  }
  return children;
}
