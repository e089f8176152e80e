import { requirePageReader } from "@/server/auth/access";

// Above the page's loading state, so a signed-out visitor gets a real redirect.
export default async function AdoptionLayout({ children }: { children: React.ReactNode }) {
  await requirePageReader("/adoption");
  return children;
}
