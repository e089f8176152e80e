import { NotFoundPage } from "@/components/not-found-page";

export default function NotFound() {
  return <NotFoundPage message="There is no page at this address." />;
}
