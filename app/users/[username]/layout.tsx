import { notFound } from "next/navigation";
import { loadPerson } from "@/lib/lookups";

export default async function PersonLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ username: string }>;
}) {
  if (!(await loadPerson(decodeURIComponent((await params).username).toLowerCase()))) notFound();
  return children;
}
