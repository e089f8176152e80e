import { notFound } from "next/navigation";
import { canSeePerson, requirePageReader } from "@/server/auth/access";
import { findPerson } from "@/server/queries";
import { decodeSegment } from "@/lib/path-segment";

// Above the page's loading state, so a redirect or a 404 has the right HTTP status.
export default async function PersonLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ username: string }>;
}) {
  const username = decodeSegment((await params).username)?.toLowerCase();
  if (username === undefined) notFound();
  const reader = await requirePageReader(`/users/${encodeURIComponent(username)}`);
  const person = await findPerson(username);
  if (!person || !canSeePerson(reader, person)) notFound();
  return children;
}
