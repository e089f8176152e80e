import { notFound } from "next/navigation";
import { modelExists } from "@/db/stats/models";

export default async function ModelLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ model: string }>;
}) {
  if (!(await modelExists(decodeURIComponent((await params).model)))) notFound();
  return children;
}
