import { requirePageReader } from "@/server/auth/access";

// Above the pages' loading states, so a signed-out visitor gets a real redirect.
export default async function ModelsLayout({ children }: { children: React.ReactNode }) {
  await requirePageReader("/models");
  return children;
}
