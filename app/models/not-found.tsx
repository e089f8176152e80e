import { NotFoundPage } from "@/components/not-found-page";

export default function NotFound() {
  return <NotFoundPage message="Nobody has uploaded usage of a model by that name." />;
}
