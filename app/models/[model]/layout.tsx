import { notFound } from "next/navigation";
import { loadModelExists } from "@/lib/lookups";

export default async function ModelLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ model: string }>;
}) {
  if (!(await loadModelExists(decodeURIComponent((await params).model)))) notFound();
  return children;
}
