// Provider adapters: OpenAI-compatible chat completions and Anthropic messages, with and without
// streaming, reduced to one shape: text as it arrives, and the token usage the provider reports; and
// the OpenAI-compatible images API (generations, edits), reduced to the images it returned.

/** OpenAI's content parts; an image is a data: URI (the gateway fetches no URLs, see handler.ts). */
export type ContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } };

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string | ContentPart[];
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
}

/** A piece of the answer: text, and usage when the provider reports it (for Anthropic, in parts). */
export interface ChatPiece {
  text?: string;
  inputTokens?: number;
  outputTokens?: number;
}

export interface Provider {
  stream(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatPiece>;
  complete(request: ChatRequest, signal: AbortSignal): Promise<{ text: string; inputTokens: number; outputTokens: number }>;
}

export class ProviderError extends Error {}

async function post(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<Response> {
  const init = body instanceof FormData
    ? { method: "POST", headers, body, signal }
    : { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal };
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new ProviderError(`the provider answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return response;
}

/** The `data:` payloads of a server-sent event stream, as they arrive. */
async function* serverSentEvents(response: Response): AsyncGenerator<string> {
  if (!response.body) throw new ProviderError("the provider sent no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) !== -1) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const data = event.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
        if (data) yield data;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export function openAiProvider(baseUrl: string, apiKey: string): Provider {
  const url = `${baseUrl.replace(/\/$/, "")}/v1/chat/completions`;
  const headers = { authorization: `Bearer ${apiKey}` };
  const body = (request: ChatRequest, stream: boolean) => ({
    model: request.model, messages: request.messages, max_tokens: request.maxTokens, temperature: request.temperature,
    stream, ...(stream ? { stream_options: { include_usage: true } } : {}),
  });
  return {
    async *stream(request, signal) {
      const response = await post(url, headers, body(request, true), signal);
      for await (const data of serverSentEvents(response)) {
        if (data === "[DONE]") return;
        const chunk = JSON.parse(data);
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) yield { text };
        if (chunk.usage) yield { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
    },
    async complete(request, signal) {
      const result = await (await post(url, headers, body(request, false), signal)).json();
      return { text: result.choices?.[0]?.message?.content ?? "", inputTokens: result.usage?.prompt_tokens ?? 0, outputTokens: result.usage?.completion_tokens ?? 0 };
    },
  };
}

export function anthropicProvider(baseUrl: string, apiKey: string): Provider {
  const url = `${baseUrl.replace(/\/$/, "")}/v1/messages`;
  const headers = { "x-api-key": apiKey, "anthropic-version": "2023-06-01" };
  const body = (request: ChatRequest, stream: boolean) => {
    const system = request.messages.filter((m) => m.role === "system").map((m) => textOf(m.content)).join("\n\n");
    return {
      model: request.model, max_tokens: request.maxTokens, temperature: request.temperature, stream,
      ...(system ? { system } : {}),
      messages: request.messages.filter((m) => m.role !== "system").map((m) => ({ role: m.role, content: anthropicContent(m.content) })),
    };
  };
  return {
    async *stream(request, signal) {
      const response = await post(url, headers, body(request, true), signal);
      for await (const data of serverSentEvents(response)) {
        const event = JSON.parse(data);
        if (event.type === "message_start") yield { inputTokens: event.message?.usage?.input_tokens };
        else if (event.type === "content_block_delta" && event.delta?.type === "text_delta") yield { text: event.delta.text };
        else if (event.type === "message_delta" && event.usage) yield { outputTokens: event.usage.output_tokens };
        else if (event.type === "error") throw new ProviderError(event.error?.message ?? "the provider failed mid-stream");
        else if (event.type === "message_stop") return;
      }
    },
    async complete(request, signal) {
      const result = await (await post(url, headers, body(request, false), signal)).json();
      const text = (result.content ?? []).filter((c: { type: string }) => c.type === "text").map((c: { text: string }) => c.text).join("");
      return { text, inputTokens: result.usage?.input_tokens ?? 0, outputTokens: result.usage?.output_tokens ?? 0 };
    },
  };
}

/** The text of a message's content (its text parts, joined). */
export function textOf(content: ChatMessage["content"]): string {
  return typeof content === "string" ? content : content.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
}

/** Anthropic's content blocks for OpenAI's parts: an image as a base64 source (the data: URI's payload). */
function anthropicContent(content: ChatMessage["content"]) {
  if (typeof content === "string") return content;
  return content.map((p) => {
    if (p.type === "text") return { type: "text", text: p.text };
    const [, mediaType, data] = p.image_url.url.match(/^data:([^;,]+);base64,(.*)$/s) ?? [];
    return { type: "image", source: { type: "base64", media_type: mediaType, data } };
  });
}

/**
 * What one input image is reserved as, in tokens, whatever its size: above what either provider counts
 * for an image it accepts (OpenAI, high detail: 85 + 170 per 512-px tile of the image scaled into
 * 2048×2048 then 768 on the short side, at most 1,105; Anthropic: width × height / 750 of the image
 * scaled to about 1.15 megapixels, about 1,600). The charge is what the provider reports.
 */
export const IMAGE_INPUT_TOKEN_ESTIMATE = 1600;

/** A generous estimate of a prompt's tokens (about 3 characters a token, plus framing, plus each image): what is reserved. */
export function estimateInputTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, m) => {
    const images = typeof m.content === "string" ? 0 : m.content.filter((p) => p.type === "image_url").length;
    return sum + Math.ceil(textOf(m.content).length / 3) + 4 + images * IMAGE_INPUT_TOKEN_ESTIMATE;
  }, 3);
}

/** Tokens of text produced before a client left, when the provider could not report them. */
export function estimateOutputTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface ImageFile {
  bytes: Uint8Array;
  mimeType: string;
}

export interface ImageRequest {
  model: string;
  prompt: string;
  n: number;
  size: string;
  /** An edit's image, and optionally its mask (transparent where the image may change). */
  image?: ImageFile;
  mask?: ImageFile;
}

export interface ImageProvider {
  generate(request: ImageRequest, signal: AbortSignal): Promise<{ images: { b64: string; revisedPrompt?: string }[] }>;
  edit(request: ImageRequest, signal: AbortSignal): Promise<{ images: { b64: string; revisedPrompt?: string }[] }>;
}

const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * OpenAI's images API (`/v1/images/generations` as JSON, `/v1/images/edits` as multipart), always
 * asking for base64: GPT Image models always answer it and refuse `response_format`; DALL·E models
 * answer URLs unless asked, and the gateway fetches no URLs.
 */
export function openAiImages(baseUrl: string, apiKey: string): ImageProvider {
  const base = baseUrl.replace(/\/$/, "");
  const headers = { authorization: `Bearer ${apiKey}` };
  const format = (model: string) => (model.startsWith("dall-e") ? { response_format: "b64_json" } : {});
  const read = async (response: Response) => {
    const result = await response.json() as { data?: { b64_json?: string; revised_prompt?: string }[] };
    if (!Array.isArray(result.data)) throw new ProviderError("the provider answered no data");
    return {
      images: result.data.flatMap((d) => (typeof d.b64_json === "string" ? [{ b64: d.b64_json, revisedPrompt: d.revised_prompt }] : [])),
    };
  };
  return {
    async generate(request, signal) {
      const body = { model: request.model, prompt: request.prompt, n: request.n, size: request.size, ...format(request.model) };
      return read(await post(`${base}/v1/images/generations`, headers, body, signal));
    },
    async edit(request, signal) {
      if (!request.image) throw new ProviderError("an edit needs an image");
      const form = new FormData();
      const file = (f: ImageFile, name: string) => new File([f.bytes as Uint8Array<ArrayBuffer>], `${name}.${extensions[f.mimeType] ?? "png"}`, { type: f.mimeType });
      form.set("model", request.model);
      form.set("prompt", request.prompt);
      form.set("n", String(request.n));
      form.set("size", request.size);
      form.set("image", file(request.image, "image"));
      if (request.mask) form.set("mask", file(request.mask, "mask"));
      for (const [name, value] of Object.entries(format(request.model))) form.set(name, value);
      return read(await post(`${base}/v1/images/edits`, headers, form, signal));
    },
  };
}
