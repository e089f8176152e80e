import http from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver for tests: a real HTTP server on 127.0.0.1 that records every request's headers and
// exact body, and answers as the test says (a status, after a delay).

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Answer = { status?: number; delayMs?: number };

export interface Receiver {
  url: string;
  received: Received[];
  /** How the next requests are answered (by their number, from 0); 200 at once by default. */
  answer: (n: number, request: Received) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(answer: Receiver["answer"] = () => ({})): Promise<Receiver> {
  const receiver: Receiver = { url: "", received: [], answer, close: async () => {} };
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const { status = 200, delayMs = 0 } = receiver.answer(count++, request);
      receiver.received.push(request);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status, { "Content-Type": "text/plain" }).end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
