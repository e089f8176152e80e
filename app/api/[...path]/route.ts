import { AppError } from "@/lib/errors";
import { errorResponse } from "@/server/http";

// Any /api address that names nothing: a 404 in the error shape (not the HTML 404 page).
const notFound = () =>
  errorResponse(
    new AppError("not_found", "There is no API at this address: see the README for the endpoints."),
  );

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
