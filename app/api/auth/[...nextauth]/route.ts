import { NextRequest } from "next/server";
import { handlers } from "@/server/auth/next-auth";
import { FORM_MAX_BYTES } from "@/lib/config";
import { errorResponse, readBody } from "@/server/http";
import { measured } from "@/server/metrics/http";

export const GET = measured("/api/auth/[...nextauth]", handlers.GET);

/** Sign-in and sign-out forms: a body past the form limit is refused before next-auth parses it. */
export const POST = measured("/api/auth/[...nextauth]", async function POST(request: NextRequest) {
  let body: Buffer;
  try {
    body = await readBody(request, FORM_MAX_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(
    new NextRequest(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }),
  );
});
