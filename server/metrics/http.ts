import "server-only";
import { metrics } from "./registry";

// Next has no hook after every response, so each route handler in app/api is wrapped: the label is the
// route's pattern ("/api/v1/users/[username]/usage"), never the raw path, to keep the series bounded.

type Handler = (request: never, ...rest: never[]) => Response | Promise<Response>;
type AnyHandler = (request: Request, ...rest: unknown[]) => Response | Promise<Response>;

function measure(route: string, handler: AnyHandler): AnyHandler {
  return async (request, ...rest) => {
    const started = performance.now();
    let status = 500; // a handler that throws is answered 500 by Next
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      metrics.httpRequests.inc({ route, method: request.method, status: String(status) });
      metrics.httpDuration.observe({ route, method: request.method }, (performance.now() - started) / 1000);
    }
  };
}

/** Counts `handler`'s requests (or each of an object's handlers, as methodNotAllowed returns) under `route`. */
export function measured<H extends Handler>(route: string, handler: H): H;
export function measured<H extends Record<string, Handler>>(route: string, handlers: H): H;
export function measured(route: string, handler: AnyHandler | Record<string, AnyHandler>) {
  if (typeof handler === "function") return measure(route, handler);
  return Object.fromEntries(Object.entries(handler).map(([method, h]) => [method, measure(route, h)]));
}
