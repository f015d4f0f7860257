import { z } from "zod";
import type { Auth } from "../_shared/auth.ts";
import type { Sql } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, rateLimited, withErrorHandling, type Handler } from "../_shared/http.ts";
import { idempotencyKey, parseJsonBody } from "../_shared/validate.ts";
import { estimateInputTokens, estimateOutputTokens, type ChatPiece, type ChatRequest, type Provider } from "./providers.ts";

export interface AiGatewayDependencies {
  sql: Sql;
  auth: Auth;
  providers: Record<"openai" | "anthropic", Provider>;
  /** How long the provider may take to start answering (and, not streaming, to finish). */
  timeoutMs: number;
}

interface Reservation {
  request_id: string;
  status: "reserved" | "completed" | "failed";
  reserved_credits: string;
  provider: "openai" | "anthropic";
  max_output_tokens: number;
  response: RecordedResponse | null;
}

interface RecordedResponse {
  content?: string;
  model?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  credits?: { reserved: number; charged: number };
  aborted?: boolean;
  error?: { code: string; message: string };
}

const messagesSchema = z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().max(200_000) }).strict()).min(1).max(500);

const schema = z.object({
  model: z.string().min(1).max(100),
  messages: messagesSchema,
  max_tokens: z.number().int().min(1).max(200_000).optional(),
  stream: z.boolean().default(false),
  temperature: z.number().min(0).max(2).optional(),
  // Purposes are registered in the database (private.ai_purposes) by the core and the products: any
  // well-formed name passes here, and the database refuses one that is not registered (PA001, 404).
  purpose: z.object({
    type: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "a purpose name: a lowercase letter, then 1 to 59 lowercase letters, digits or _"),
    id: z.string().max(100).optional(),
  }).strict().default({ type: "general" }),
  organization_id: z.uuid().optional(),
}).strict();

/** The reservation's refusals as HTTP: 402 with the balance, 429 with Retry-After, and the rest. */
function reservationError(error: unknown): never {
  const { code, message, detail } = error as { code?: string; message: string; detail?: string };
  // Our own refusals (class PA) carry their figures as JSON in the detail.
  const details = code?.startsWith("PA") && detail ? JSON.parse(detail) : undefined;
  switch (code) {
    case "PA101":
      throw new HttpError(402, "insufficient_credits", message, details);
    case "PA111":
      throw rateLimited(error)!;
    case "PA112":
      throw new HttpError(429, "daily_cap_reached", message, details, { "retry-after": String(details?.retry_after ?? 60) });
    case "PA110":
      throw new HttpError(409, "in_progress", message);
    case "PA001":
      throw new HttpError(404, "not_found", message);
    case "42501":
      throw new HttpError(403, "forbidden", message);
    default:
      throw error;
  }
}

function completion(id: string, recorded: RecordedResponse) {
  return {
    id, object: "chat.completion", model: recorded.model,
    choices: [{ index: 0, message: { role: "assistant", content: recorded.content ?? "" }, finish_reason: recorded.aborted ? "length" : "stop" }],
    usage: { ...recorded.usage, total_tokens: (recorded.usage?.prompt_tokens ?? 0) + (recorded.usage?.completion_tokens ?? 0) },
    credits: recorded.credits,
  };
}

const encoder = new TextEncoder();
const sse = (data: unknown) => encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
const sseHeaders = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };

/**
 * POST (JWT): an OpenAI-compatible chat request, metered in credits. Reserves the worst case as a
 * hold (402 when it cannot), calls the provider, streams the answer as it arrives, then charges what
 * the provider reports and releases the rest. A provider failure before any output charges nothing;
 * a client that leaves mid-stream pays for what was produced. An Idempotency-Key makes a retry
 * return the recorded answer without a second charge. The purpose is looked up in the database's
 * registry: its validator decides who may use which id, its recorder writes the product's rows, and
 * its prompt builder (if any) supplies the messages that are sent.
 */
export function createAiGatewayHandler({ sql, auth, providers, timeoutMs }: AiGatewayDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, schema);
    const key = idempotencyKey(request);

    // A purpose with a prompt builder decides what is sent (built from its stored data); otherwise the
    // client's messages are. Either way the reservation is for what is actually sent. A retry of a
    // recorded request is answered from its record by ai_reserve, so its prompt is not built again (the
    // validator may now refuse an id the first request used up, such as a reading already interpreted).
    const [{ retry }] = await sql<{ retry: boolean }[]>`
      select exists (select 1 from billing.ai_requests where user_id = ${caller.userId} and idempotency_key = ${key}) as retry`;
    const [{ built }] = retry ? [{ built: null }] : await sql<{ built: unknown }[]>`
      select billing.ai_prompt(${caller.userId}, ${input.purpose.type}, ${input.purpose.id ?? null}, ${sql.json(input.messages)}) as built`
      .catch(reservationError);
    const messages = built === null ? input.messages : messagesSchema.parse(built);
    const lastUserMessage = [...messages].reverse().find((m) => m.role === "user")?.content ?? null;
    const estimatedInput = estimateInputTokens(messages);

    const [reservation] = await sql<Reservation[]>`
      select * from billing.ai_reserve(${caller.userId}, ${input.model}, ${input.max_tokens ?? null}, ${estimatedInput},
        ${input.purpose.type}, ${input.purpose.id ?? null}, ${input.organization_id ?? null}, ${key}, ${lastUserMessage})`
      .catch(async (error) => {
        // A limit breach is worth a security event; the refused transaction could not record it itself.
        if (["PA111", "PA112"].includes((error as { code?: string }).code ?? "")) {
          await sql`select audit.record_security_event(${caller.userId}, 'ai.limit_exceeded', 'low', ${(error as Error).message}, '{}')`;
        }
        return reservationError(error);
      });
    const requestId = reservation.request_id;

    if (reservation.status !== "reserved") {
      const recorded = reservation.response ?? {};
      if (reservation.status === "failed") throw new HttpError(502, "provider_error", recorded.error?.message ?? "the provider failed");
      return input.stream
        ? new Response(new ReadableStream({
            start(stream) {
              stream.enqueue(sse({ id: requestId, object: "chat.completion.chunk", model: recorded.model, choices: [{ index: 0, delta: { content: recorded.content ?? "" } }] }));
              stream.enqueue(sse({ id: requestId, object: "chat.completion.chunk", choices: [], usage: recorded.usage, credits: recorded.credits }));
              stream.enqueue(sse("[DONE]"));
              stream.close();
            },
          }), { headers: sseHeaders })
        : json(200, completion(requestId, recorded));
    }

    const provider = providers[reservation.provider];
    const chat: ChatRequest = { model: input.model, messages, maxTokens: reservation.max_output_tokens, temperature: input.temperature };
    const settle = (inputTokens: number, outputTokens: number, text: string, aborted: boolean) =>
      sql<{ response: RecordedResponse }[]>`select response from billing.ai_settle(${requestId}, ${inputTokens}, ${outputTokens}, ${text}, ${aborted})`
        .then(([row]) => row.response);
    const fail = (error: unknown) => sql`select billing.ai_fail(${requestId}, ${error instanceof Error ? error.message : String(error)})`;

    if (!input.stream) {
      let result;
      try {
        result = await provider.complete(chat, AbortSignal.timeout(timeoutMs));
      } catch (error) {
        await fail(error);
        throw new HttpError(502, "provider_error", "the AI provider failed; nothing was charged");
      }
      return json(200, completion(requestId, await settle(result.inputTokens, result.outputTokens, result.text, false)));
    }

    const abort = new AbortController();
    const firstByteTimeout = setTimeout(() => abort.abort(new Error("the provider did not start answering in time")), timeoutMs);
    const pieces = provider.stream(chat, abort.signal);
    let first: IteratorResult<ChatPiece>;
    try {
      first = await pieces.next();
    } catch (error) {
      clearTimeout(firstByteTimeout);
      await fail(error);
      throw new HttpError(502, "provider_error", "the AI provider failed; nothing was charged");
    }
    clearTimeout(firstByteTimeout);

    let clientGone = false;
    let text = "";
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    const take = (stream: ReadableStreamDefaultController<Uint8Array>, piece: ChatPiece) => {
      if (piece.inputTokens !== undefined) inputTokens = piece.inputTokens;
      if (piece.outputTokens !== undefined) outputTokens = piece.outputTokens;
      if (piece.text) {
        text += piece.text;
        if (!clientGone) stream.enqueue(sse({ id: requestId, object: "chat.completion.chunk", model: input.model, choices: [{ index: 0, delta: { content: piece.text } }] }));
      }
    };
    const pump = async (stream: ReadableStreamDefaultController<Uint8Array>) => {
      try {
        if (!first.done) take(stream, first.value);
        for (let next = await pieces.next(); !next.done; next = await pieces.next()) take(stream, next.value);
        const recorded = await settle(inputTokens ?? estimatedInput, outputTokens ?? estimateOutputTokens(text), text, false);
        if (!clientGone) {
          stream.enqueue(sse({ id: requestId, object: "chat.completion.chunk", choices: [], usage: recorded.usage, credits: recorded.credits }));
          stream.enqueue(sse("[DONE]"));
          stream.close();
        }
      } catch (error) {
        // The client left, or the provider broke off: what was produced is charged, nothing more.
        if (text) await settle(inputTokens ?? estimatedInput, estimateOutputTokens(text), text, true);
        else await fail(error);
        if (!clientGone) {
          stream.enqueue(sse({ error: { code: "provider_error", message: "the AI provider broke off; you were charged for what arrived" } }));
          stream.close();
        }
      }
    };
    return new Response(new ReadableStream<Uint8Array>({
      start(stream) {
        pump(stream).catch((error) => console.error(`ai-gateway: settling ${requestId} failed:`, error));
      },
      cancel() {
        clientGone = true;
        abort.abort(new Error("the client disconnected"));
      },
    }), { headers: sseHeaders });
  });
}
