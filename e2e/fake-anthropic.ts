import http from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for Anthropic's Messages API (POST /v1/messages, with server-sent events when asked),
// so the real Claude Code CLI runs offline in tests. Every response bills known usage, recorded as the
// ground truth the dashboard must show. A prompt that says WRITE_FILE gets a Write tool call first.

export interface Billed {
  person: string;
  model: string;
  requestId: string;
  input: number;
  output: number;
  cacheCreation5m: number;
  cacheCreation1h: number;
  cacheRead: number;
  tool: boolean;
}

/** The lines the Write tool call puts in the file named after WRITE_FILE: what lines-of-code telemetry must count. */
export const WRITTEN_LINES = ["one", "two", "three", "four", "five"];

type Message = { role: string; content: string | { type: string; text?: string }[] };

function lastUserText(messages: Message[]): { text: string; toolResult: boolean } {
  const last = messages.at(-1);
  if (!last || typeof last.content === "string")
    return { text: String(last?.content ?? ""), toolResult: false };
  return {
    text: last.content.map((c) => c.text ?? "").join(" "),
    toolResult: last.content.some((c) => c.type === "tool_result"),
  };
}

export async function startFakeAnthropic(): Promise<{
  url: string;
  billed: Billed[];
  close: () => Promise<void>;
}> {
  const billed: Billed[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages") || req.url.includes("count_tokens")) {
        res.writeHead(req.url?.includes("count_tokens") ? 200 : 404, { "Content-Type": "application/json" });
        res.end(req.url?.includes("count_tokens") ? '{"input_tokens": 100}' : '{"type":"error"}');
        return;
      }
      const request = JSON.parse(body) as { model: string; stream?: boolean; messages: Message[] };
      const { text, toolResult } = lastUserText(request.messages);
      n++;
      // The person is named in the prompt ("[person:sam] ..."), so one fake serves every simulated person.
      const person = /\[person:([\w.-]+)\]/.exec(JSON.stringify(request.messages))?.[1] ?? "unknown";
      const tool = text.includes("WRITE_FILE") && !toolResult;
      const usage = {
        input: 100 + ((n * 37) % 400),
        output: 200 + ((n * 53) % 900),
        cacheCreation5m: 1000 + ((n * 71) % 2000),
        cacheCreation1h: n % 2 ? 0 : 500 + n,
        cacheRead: 5000 + ((n * 97) % 40000),
      };
      const requestId = `req_fake_${n}_${Date.now()}`;
      billed.push({ person, model: request.model, requestId, ...usage, tool });
      const apiUsage = {
        input_tokens: usage.input,
        output_tokens: usage.output,
        cache_creation_input_tokens: usage.cacheCreation5m + usage.cacheCreation1h,
        cache_read_input_tokens: usage.cacheRead,
        cache_creation: {
          ephemeral_5m_input_tokens: usage.cacheCreation5m,
          ephemeral_1h_input_tokens: usage.cacheCreation1h,
        },
        service_tier: "standard",
      };
      type Block =
        | { type: "text"; text: string }
        | { type: "tool_use"; id: string; name: string; input: Record<string, string> };
      const content: Block[] = tool
        ? [
            {
              type: "tool_use",
              id: `toolu_${n}`,
              name: "Write",
              input: { file_path: /WRITE_FILE (\S+)/.exec(text)![1], content: WRITTEN_LINES.join("\n") },
            },
          ]
        : [{ type: "text", text: "Done." }];
      const message = {
        id: `msg_${n}`,
        type: "message",
        role: "assistant",
        model: request.model,
        content,
        stop_reason: tool ? "tool_use" : "end_turn",
        stop_sequence: null,
        usage: apiUsage,
      };
      res.setHeader("request-id", requestId);
      if (!request.stream) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(message));
        return;
      }
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      const send = (event: string, data: unknown) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send("message_start", {
        type: "message_start",
        message: { ...message, content: [], stop_reason: null, usage: { ...apiUsage, output_tokens: 1 } },
      });
      content.forEach((block, index) => {
        if (block.type === "text") {
          send("content_block_start", {
            type: "content_block_start",
            index,
            content_block: { type: "text", text: "" },
          });
          send("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "text_delta", text: block.text },
          });
        } else {
          send("content_block_start", {
            type: "content_block_start",
            index,
            content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
          });
          send("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
          });
        }
        send("content_block_stop", { type: "content_block_stop", index });
      });
      send("message_delta", {
        type: "message_delta",
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: { output_tokens: usage.output },
      });
      send("message_stop", { type: "message_stop" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    billed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
