// Provider adapters: OpenAI-compatible chat completions and Anthropic messages, with and without
// streaming, reduced to one shape: text as it arrives, and the token usage the provider reports.

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
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
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal });
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
    const system = request.messages.filter((m) => m.role === "system").map((m) => m.content).join("\n\n");
    return {
      model: request.model, max_tokens: request.maxTokens, temperature: request.temperature, stream,
      ...(system ? { system } : {}),
      messages: request.messages.filter((m) => m.role !== "system"),
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

/** A generous estimate of a prompt's tokens (about 3 characters a token, plus framing): what is reserved. */
export function estimateInputTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 3) + 4, 3);
}

/** Tokens of text produced before a client left, when the provider could not report them. */
export function estimateOutputTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
