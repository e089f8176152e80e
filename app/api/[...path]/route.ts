import { AppError } from "@/lib/errors";
import { errorResponse } from "@/server/http";
import { measured } from "@/server/metrics/http";

// Any /api address that names nothing: a 404 in the error shape (not the HTML 404 page).
const notFound = () =>
  errorResponse(
    new AppError("not_found", "There is no API at this address: see the README for the endpoints."),
  );

export const { GET, POST, PUT, PATCH, DELETE } = measured("/api/[...path]", {
  GET: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});
