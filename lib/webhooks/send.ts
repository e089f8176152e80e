import type { WebhookRequest } from "./request";

export interface AttemptResult {
  startedAt: Date;
  durationMs: number;
  /** The receiver's HTTP status, or null when there was no answer. */
  status: number | null;
  /** Why the try failed (no answer, or a status other than 2xx); null when delivered. */
  error: string | null;
  ok: boolean;
}

/**
 * One try: POST the body and wait at most `timeoutMs` for the answer. Redirects are not followed (a
 * receiver that moved is a configuration to fix, and a redirect could point anywhere); 2xx is delivered.
 */
export async function sendWebhook(
  url: string,
  request: WebhookRequest,
  timeoutMs: number,
): Promise<AttemptResult> {
  const startedAt = new Date();
  const started = performance.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({
    startedAt,
    durationMs: Math.round(performance.now() - started),
    status,
    error,
    ok: error === null,
  });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is not needed; reading it to the end frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return done(response.status, null);
    return done(
      response.status,
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    );
  } catch (error) {
    return done(null, describeFailure(error, timeoutMs));
  }
}

/** A short reason for a try without an answer: timed out, refused, unknown host, … */
function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? "request failed"}${cause ? ` (${cause})` : ""}`.slice(0, 500);
}
