// A local stand-in for the AI providers (unreachable here): OpenAI chat completions and Anthropic
// messages, with and without streaming, answering a configured reply with configured token usage.
// It can fail, wait before its first byte, or stream slowly, and it counts the calls it got.
import { createServer, type Server } from "node:http";
import { freePort } from "../scripts/lib/cluster.ts";

export interface Reply {
  /** Sent in this many pieces when streaming. */
  pieces: string[];
  inputTokens: number;
  outputTokens: number;
}

export class AiStandIn {
  reply: Reply = { pieces: ["Hello", " from", " the", " stand-in."], inputTokens: 1500, outputTokens: 700 };
  /** Milliseconds between streamed pieces, and before the first byte. */
  pieceDelayMs = 0;
  firstByteDelayMs = 0;
  calls = 0;
  /** The body of the last request it got (what the gateway sent to the provider). */
  lastBody: { model?: string; messages?: { role: string; content: string }[]; system?: string } = {};
  private failures = 0;
  private server?: Server;
  url = "";

  failNext(times = 1): void {
    this.failures = times;
  }

  async start(): Promise<this> {
    const port = await freePort(55900);
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", async () => {
        this.calls++;
        if (this.failures > 0) {
          this.failures--;
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { message: "the stand-in was told to fail" } }));
          return;
        }
        const parsed = JSON.parse(body || "{}");
        this.lastBody = parsed;
        await new Promise((resolve) => setTimeout(resolve, this.firstByteDelayMs));
        if (request.url === "/v1/chat/completions") await this.openAi(parsed, response);
        else if (request.url === "/v1/messages") await this.anthropic(parsed, response);
        else {
          response.writeHead(404);
          response.end();
        }
      });
    });
    // Keep-alive sockets would hold the server open after the tests.
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async streamEvents(response: import("node:http").ServerResponse, events: string[]): Promise<void> {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const event of events) {
      if (response.destroyed) return;
      response.write(event);
      if (this.pieceDelayMs) await new Promise((resolve) => setTimeout(resolve, this.pieceDelayMs));
    }
    response.end();
  }

  private async openAi(body: { model: string; stream?: boolean }, response: import("node:http").ServerResponse): Promise<void> {
    const { pieces, inputTokens, outputTokens } = this.reply;
    const usage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
    if (!body.stream) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: "chatcmpl-standin", object: "chat.completion", model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: pieces.join("") }, finish_reason: "stop" }], usage }));
      return;
    }
    await this.streamEvents(response, [
      ...pieces.map((text) => `data: ${JSON.stringify({ id: "chatcmpl-standin", object: "chat.completion.chunk", model: body.model, choices: [{ index: 0, delta: { content: text } }] })}\n\n`),
      `data: ${JSON.stringify({ id: "chatcmpl-standin", object: "chat.completion.chunk", model: body.model, choices: [], usage })}\n\n`,
      "data: [DONE]\n\n",
    ]);
  }

  private async anthropic(body: { model: string; stream?: boolean }, response: import("node:http").ServerResponse): Promise<void> {
    const { pieces, inputTokens, outputTokens } = this.reply;
    if (!body.stream) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: "msg_standin", type: "message", role: "assistant", model: body.model,
        content: [{ type: "text", text: pieces.join("") }], usage: { input_tokens: inputTokens, output_tokens: outputTokens } }));
      return;
    }
    const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    await this.streamEvents(response, [
      event("message_start", { message: { id: "msg_standin", model: body.model, usage: { input_tokens: inputTokens, output_tokens: 1 } } }),
      event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      ...pieces.map((text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
      event("content_block_stop", { index: 0 }),
      event("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: outputTokens } }),
      event("message_stop", {}),
    ]);
  }
}
