// A local stand-in for the AI providers (unreachable here): OpenAI chat completions and Anthropic
// messages, with and without streaming, answering a configured reply with configured token usage; and
// OpenAI's images API (generations as JSON, edits as multipart), answering real PNGs of the asked size
// in OpenAI's shape ({created, data: [{b64_json, revised_prompt?}], usage}). It can fail (OpenAI's error
// shape), wait before its first byte, or stream slowly, and it counts the calls it got.
import { createServer, type Server } from "node:http";
import { crc32, deflateSync } from "node:zlib";
import { freePort } from "../scripts/lib/cluster.ts";

/** A PNG of one colour (RGB, 8 bits), deflated: a few kilobytes even at 1024×1024. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [200, 120, 40]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** What an images request got: the JSON body, or the multipart form's fields and files. */
export interface ImagesCall {
  path: string;
  fields: Record<string, unknown>;
  files: Record<string, { type: string; size: number }>;
}

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
  lastBody: { model?: string; messages?: { role: string; content: unknown }[]; system?: string } = {};
  /** How many images an images request answers (default: the n asked for), and their revised prompt. */
  imagesReturned?: number;
  revisedPrompt?: string;
  /** Answer images that are not images (a provider bug the gateway must not store). */
  imagesBroken = false;
  /** The last images request it got. */
  lastImages?: ImagesCall;
  private failures = 0;
  private server?: Server;
  url = "";

  failNext(times = 1): void {
    this.failures = times;
  }

  async start(): Promise<this> {
    const port = await freePort(55900);
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        this.calls++;
        if (this.failures > 0) {
          this.failures--;
          // OpenAI's error shape.
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { message: "the stand-in was told to fail", type: "server_error", param: null, code: null } }));
          return;
        }
        const body = Buffer.concat(chunks);
        // Recorded on arrival: a request still waiting out its delay (one the gateway gave up on) must
        // not overwrite the body of a later test's request when it wakes.
        const parsed = request.url === "/v1/images/edits" ? undefined : JSON.parse(body.toString("utf8") || "{}");
        if (parsed) this.lastBody = parsed;
        await new Promise((resolve) => setTimeout(resolve, this.firstByteDelayMs));
        if (request.url === "/v1/images/edits") {
          const form = await new Request("http://stand-in/", { method: "POST", headers: { "content-type": String(request.headers["content-type"]) }, body }).formData();
          const call: ImagesCall = { path: request.url, fields: {}, files: {} };
          for (const [name, value] of form.entries()) {
            if (typeof value === "string") call.fields[name] = value;
            else call.files[name] = { type: value.type, size: value.size };
          }
          return this.images(call, response);
        }
        if (request.url === "/v1/images/generations") await this.images({ path: request.url, fields: parsed, files: {} }, response);
        else if (request.url === "/v1/chat/completions") await this.openAi(parsed, response);
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

  /** OpenAI's images answer: n PNGs of the asked size, base64; a bad request in OpenAI's error shape. */
  private images(call: ImagesCall, response: import("node:http").ServerResponse): void {
    this.lastImages = call;
    const { model, prompt, n = 1, size = "1024x1024", response_format } = call.fields as Record<string, string | number | undefined>;
    const dimensions = String(size).match(/^(\d+)x(\d+)$/);
    const gptImage = String(model).startsWith("gpt-image");
    const invalid = !model || !prompt || !dimensions ? "model, prompt and size are required"
      : gptImage && response_format !== undefined ? "Unknown parameter: 'response_format'."
      : call.path.endsWith("edits") && !call.files.image ? "image is required" : undefined;
    if (invalid) {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: invalid, type: "invalid_request_error", param: null, code: null } }));
      return;
    }
    const count = this.imagesReturned ?? Number(n);
    const png = this.imagesBroken ? Buffer.from("not an image at all") : solidPng(Number(dimensions![1]), Number(dimensions![2]));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({
      created: Math.floor(Date.now() / 1000),
      data: Array.from({ length: count }, () => ({ b64_json: png.toString("base64"), ...(this.revisedPrompt ? { revised_prompt: this.revisedPrompt } : {}) })),
      ...(gptImage ? { usage: { input_tokens: 50, output_tokens: 4160 * count, total_tokens: 50 + 4160 * count, input_tokens_details: { text_tokens: 50, image_tokens: 0 } } } : {}),
    }));
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
