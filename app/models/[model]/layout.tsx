import { notFound } from "next/navigation";
import { modelExists } from "@/server/queries";
import { decodeSegment } from "@/lib/path-segment";

export default async function ModelLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ model: string }>;
}) {
  const model = decodeSegment((await params).model);
  if (model === null || !(await modelExists(model))) notFound();
  return children;
}
