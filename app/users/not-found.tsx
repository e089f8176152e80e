import { NotFoundPage } from "@/components/not-found-page";

export default function NotFound() {
  return <NotFoundPage message="There is no such person here, or they chose not to be shown." />;
}
