import { z } from "zod";
import type { Auth } from "../_shared/auth.ts";
import type { Sql } from "../_shared/db.ts";
import { decodeBase64 } from "../_shared/base64.ts";
import { HttpError, json, methodNotAllowed, rateLimited, withErrorHandling, type Handler } from "../_shared/http.ts";
import type { ObjectStorage } from "../_shared/storage.ts";
import { idempotencyKey, parseJsonBody } from "../_shared/validate.ts";
import { sniffImage, sniffImageType } from "./images.ts";
import {
  estimateInputTokens, estimateOutputTokens, textOf, type ChatPiece, type ChatRequest, type ImageFile, type ImageProvider, type Provider,
} from "./providers.ts";

export interface AiGatewayDependencies {
  sql: Sql;
  auth: Auth;
  providers: Record<"openai" | "anthropic", Provider>;
  /** The OpenAI-compatible images API (generations and edits); without it (and storage) the image routes answer 501. */
  images?: ImageProvider;
  /** Where generated images are written, as the server (the `media` bucket, the caller's folder). */
  storage?: ObjectStorage;
  /** How long the provider may take to start answering (and, not streaming, to finish). */
  timeoutMs: number;
  /** How long an image generation or edit may take (they take far longer than a first token); default timeoutMs. */
  imageTimeoutMs?: number;
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

// Image input: OpenAI's content parts in user messages. An image is a data: URI of an image type both
// providers read, checked by its bytes; the gateway never fetches a URL (no SSRF, and what is priced and
// sent is exactly what the client sent). Bounds: 8 images a request, 5 MB each, 15 MB in all.
export const MAX_INPUT_IMAGES = 8;
export const MAX_INPUT_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_INPUT_IMAGES_BYTES = 15 * 1024 * 1024;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const dataUri = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/]+={0,2})$/;

const imageUrlPart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({
    url: z.string().max(base64Length(MAX_INPUT_IMAGE_BYTES) + 40, `an image is at most ${MAX_INPUT_IMAGE_BYTES} bytes`)
      .superRefine((url, context) => {
        const match = url.match(dataUri);
        if (!match || match[2].length % 4 !== 0) {
          context.addIssue({ code: "custom", message: "must be a data: URI of a png, jpeg, webp or gif image (base64); the gateway fetches no URLs" });
        } else if (sniffImageType(decodeBase64(match[2].slice(0, 16))) !== match[1]) {
          context.addIssue({ code: "custom", message: `the data is not a ${match[1]} image` });
        }
      }),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }).strict(),
}).strict();
const textPart = z.object({ type: z.literal("text"), text: z.string().max(200_000) }).strict();

const messagesSchema = z.array(z.discriminatedUnion("role", [
  z.object({ role: z.enum(["system", "assistant"]), content: z.string().max(200_000) }).strict(),
  z.object({ role: z.literal("user"), content: z.union([z.string().max(200_000), z.array(z.union([textPart, imageUrlPart])).min(1).max(50)]) }).strict(),
])).min(1).max(500).superRefine((messages, context) => {
  const images = messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((p) => p.type === "image_url")));
  if (images.length > MAX_INPUT_IMAGES) context.addIssue({ code: "custom", message: `at most ${MAX_INPUT_IMAGES} images a request` });
  const total = images.reduce((sum, p) => sum + (p.type === "image_url" ? p.image_url.url.length : 0), 0);
  if (total > base64Length(MAX_INPUT_IMAGES_BYTES)) context.addIssue({ code: "custom", message: `at most ${MAX_INPUT_IMAGES_BYTES} bytes of images a request` });
});

// Purposes are registered in the database (private.ai_purposes) by the core and the products: any
// well-formed name passes here, and the database refuses one that is not registered (PA001, 404).
const purposeSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "a purpose name: a lowercase letter, then 1 to 59 lowercase letters, digits or _"),
  id: z.string().max(100).optional(),
}).strict().default({ type: "general" });

const schema = z.object({
  model: z.string().min(1).max(100),
  messages: messagesSchema,
  max_tokens: z.number().int().min(1).max(200_000).optional(),
  stream: z.boolean().default(false),
  temperature: z.number().min(0).max(2).optional(),
  purpose: purposeSchema,
  organization_id: z.uuid().optional(),
}).strict();

// Image generation and edit (OpenAI's images API fields; the answer is the stored images, not base64).
const imageFields = {
  model: z.string().min(1).max(100),
  prompt: z.string().min(1).max(32_000),
  n: z.coerce.number().int().min(1).max(10).default(1),
  size: z.string().regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, "WIDTHxHEIGHT, e.g. 1024x1024").default("1024x1024"),
  organization_id: z.uuid().optional(),
};
const generationSchema = z.object({ ...imageFields, purpose: purposeSchema }).strict();
// A multipart form's fields are text: the purpose is JSON text there.
const editFieldsSchema = z.object({
  ...imageFields,
  purpose: z.string().max(300).optional().transform((text, context) => {
    if (text === undefined) return { type: "general" };
    try {
      const parsed = purposeSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch { /* reported below */ }
    context.addIssue({ code: "custom", message: 'purpose: JSON text, {"type": "...", "id": "..."}' });
    return z.NEVER;
  }),
}).strict();
export const MAX_EDIT_IMAGE_BYTES = 20 * 1024 * 1024;
const storedTypes = new Set(["image/png", "image/jpeg", "image/webp"]);

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
    case "PA184":
      throw new HttpError(400, "unsupported_purpose", message);
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

/** Reads at most maxBytes of a request's body (413 beyond), however it is sent (chunked or not). */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new HttpError(413, "payload_too_large", `the body is at most ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      length += chunk.length;
      if (length > maxBytes) throw new HttpError(413, "payload_too_large", `the body is at most ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/** An edit's multipart form: the fields (zod), the image and the optional mask (png, jpeg or webp by their bytes). */
async function parseEditForm(request: Request) {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw new HttpError(415, "unsupported_media_type", "an edit is multipart/form-data: image, optional mask, prompt, n, size, model, purpose");
  }
  const body = await readBody(request, 2 * MAX_EDIT_IMAGE_BYTES + 1024 * 1024);
  let form: FormData;
  try {
    form = await new Request("http://local/", { method: "POST", headers: { "content-type": request.headers.get("content-type")! }, body }).formData();
  } catch {
    throw new HttpError(400, "invalid_request", "the body is not a well-formed multipart form");
  }
  const fields: Record<string, string> = {};
  const files: Record<string, File[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (name in fields) throw new HttpError(400, "invalid_request", `the field ${name} is given twice`);
      fields[name] = value;
    } else (files[name] ??= []).push(value);
  }
  const unknownFile = Object.keys(files).find((name) => name !== "image" && name !== "mask");
  if (unknownFile) throw new HttpError(400, "invalid_request", `unknown file field ${unknownFile}: only image and mask`);
  const parsed = editFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new HttpError(400, "invalid_request", "the request is not valid", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  const file = async (name: "image" | "mask"): Promise<(ImageFile & { width: number; height: number }) | undefined> => {
    const given = files[name] ?? [];
    if (given.length > 1) throw new HttpError(400, "invalid_request", `one ${name} file`);
    if (given.length === 0) return undefined;
    if (given[0].size > MAX_EDIT_IMAGE_BYTES) throw new HttpError(400, "invalid_request", `the ${name} is at most ${MAX_EDIT_IMAGE_BYTES} bytes`);
    const bytes = new Uint8Array(await given[0].arrayBuffer());
    const info = sniffImage(bytes);
    if (!info || !storedTypes.has(info.mimeType) || (name === "mask" && info.mimeType !== "image/png")) {
      throw new HttpError(400, "invalid_request", name === "mask" ? "the mask must be a png image" : "the image must be a png, jpeg or webp image");
    }
    return { bytes, mimeType: info.mimeType, width: info.width, height: info.height };
  };
  const image = await file("image");
  if (!image) throw new HttpError(400, "invalid_request", "an image file is required");
  const mask = await file("mask");
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    throw new HttpError(400, "invalid_request", "the mask must have the image's dimensions");
  }
  return { ...parsed.data, image, mask };
}

/** The recorded answer of an image request, as the client gets it (first time and every retry). */
interface RecordedImages {
  model?: string;
  created?: number;
  data?: { bucket: string; path: string; mime_type: string; size: number; width: number; height: number; revised_prompt?: string }[];
  images?: { requested: number; returned: number };
  credits?: { reserved: number; charged: number };
  error?: { code: string; message: string };
}

const imagesAnswer = (id: string, recorded: RecordedImages) =>
  ({ id, object: "images", created: recorded.created, model: recorded.model, data: recorded.data ?? [], images: recorded.images, credits: recorded.credits });

/**
 * POST (JWT): an OpenAI-compatible chat request, metered in credits. Reserves the worst case as a
 * hold (402 when it cannot), calls the provider, streams the answer as it arrives, then charges what
 * the provider reports and releases the rest. A provider failure before any output charges nothing;
 * a client that leaves mid-stream pays for what was produced. An Idempotency-Key makes a retry
 * return the recorded answer without a second charge. The purpose is looked up in the database's
 * registry: its validator decides who may use which id, its recorder writes the product's rows, and
 * its prompt builder (if any) supplies the messages that are sent.
 *
 * POST .../images/generations (JSON) and .../images/edits (multipart): an image request, priced per
 * image (billing.ai_image_prices): n images are reserved, the images returned are stored in the
 * `media` bucket under the caller's folder and charged, the rest released; the purpose's output
 * recorder says where they go in the product.
 */
export function createAiGatewayHandler({ sql, auth, providers, images, storage, timeoutMs, imageTimeoutMs }: AiGatewayDependencies): Handler {
  // A limit breach is worth a security event; the refused transaction could not record it itself.
  const refused = (userId: string) => async (error: unknown): Promise<never> => {
    if (["PA111", "PA112"].includes((error as { code?: string }).code ?? "")) {
      await sql`select audit.record_security_event(${userId}, 'ai.limit_exceeded', 'low', ${(error as Error).message}, '{}')`;
    }
    return reservationError(error);
  };
  const failRequest = (requestId: string, error: unknown) =>
    sql`select billing.ai_fail(${requestId}, ${error instanceof Error ? error.message : String(error)})`;

  async function imageRequest(request: Request, userId: string, kind: "image_generation" | "image_edit"): Promise<Response> {
    if (!images || !storage) throw new HttpError(501, "not_configured", "image requests are not configured on this gateway");
    const input = kind === "image_generation" ? { ...(await parseJsonBody(request, generationSchema)), image: undefined, mask: undefined } : await parseEditForm(request);
    const key = idempotencyKey(request);
    const [reservation] = await sql<{ request_id: string; status: string; images_requested: number; response: RecordedImages | null }[]>`
      select * from billing.ai_reserve_images(${userId}, ${kind}, ${input.model}, ${input.size}, ${input.n}, ${input.purpose.type},
        ${input.purpose.id ?? null}, ${input.organization_id ?? null}, ${key}, ${input.prompt})`
      .catch((error) => {
        // n above what the model and size take (the price's max_images) is the caller's mistake.
        if ((error as { code?: string }).code === "22023") throw new HttpError(400, "invalid_request", (error as Error).message);
        return refused(userId)(error);
      });
    const requestId = reservation.request_id;
    if (reservation.status !== "reserved") {
      const recorded = reservation.response ?? {};
      if (reservation.status === "failed") throw new HttpError(502, "provider_error", recorded.error?.message ?? "the provider failed");
      return json(200, imagesAnswer(requestId, recorded));
    }

    const call = { model: input.model, prompt: input.prompt, n: input.n, size: input.size, image: input.image, mask: input.mask };
    let result;
    try {
      const signal = AbortSignal.timeout(imageTimeoutMs ?? timeoutMs);
      result = kind === "image_generation" ? await images.generate(call, signal) : await images.edit(call, signal);
    } catch (error) {
      await failRequest(requestId, error);
      throw new HttpError(502, "provider_error", "the AI provider failed; nothing was charged");
    }

    // Each image is checked by its bytes and stored under <user>/ai/<request>/ before anything is
    // charged; no transaction is open meanwhile. More images than asked for are not kept (nor charged).
    const outputs: { path: string; mime_type: string; size: number; width: number; height: number; revised_prompt?: string }[] = [];
    try {
      for (const [index, image] of result.images.slice(0, reservation.images_requested).entries()) {
        const bytes = decodeBase64(image.b64);
        const info = sniffImage(bytes);
        if (!info || !storedTypes.has(info.mimeType)) throw new Error(`the provider's image ${index} is not a png, jpeg or webp image`);
        const path = `${userId}/ai/${requestId}/${index}.${info.extension}`;
        await storage.put("media", path, bytes, info.mimeType);
        outputs.push({ path, mime_type: info.mimeType, size: bytes.length, width: info.width, height: info.height,
                       ...(image.revisedPrompt ? { revised_prompt: image.revisedPrompt.slice(0, 32_000) } : {}) });
      }
    } catch (error) {
      await failRequest(requestId, error);
      // Files already written are removed; one that cannot be is an unreferenced object, logged.
      await storage.remove("media", outputs.map((o) => o.path)).catch((removal) => console.error(`ai-gateway: removing ${requestId}'s files failed:`, removal));
      throw new HttpError(502, "provider_error", "the images could not be received or stored; nothing was charged");
    }
    const [settled] = await sql<{ response: RecordedImages }[]>`select response from billing.ai_settle_images(${requestId}, ${sql.json(outputs)})`;
    return json(200, imagesAnswer(requestId, settled.response));
  }

  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const route = new URL(request.url).pathname.match(/\/ai-gateway(?:\/(images\/generations|images\/edits))?\/?$/);
    if (!route) throw new HttpError(404, "not_found", "no such route: POST /ai-gateway, /ai-gateway/images/generations or /ai-gateway/images/edits");
    const caller = await auth.user(request);
    if (route[1]) return imageRequest(request, caller.userId, route[1] === "images/generations" ? "image_generation" : "image_edit");

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
    const lastUser = [...messages].reverse().find((m) => m.role === "user");
    const lastUserMessage = lastUser ? textOf(lastUser.content) : null;
    const estimatedInput = estimateInputTokens(messages);

    const [reservation] = await sql<Reservation[]>`
      select * from billing.ai_reserve(${caller.userId}, ${input.model}, ${input.max_tokens ?? null}, ${estimatedInput},
        ${input.purpose.type}, ${input.purpose.id ?? null}, ${input.organization_id ?? null}, ${key}, ${lastUserMessage})`
      .catch(refused(caller.userId));
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
    const fail = (error: unknown) => failRequest(requestId, error);

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
