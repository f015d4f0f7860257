// The AI gateway's images: image input on chat (priced, sent in each provider's shape), image
// generation and edit priced per image (reserved n × price, charged for the images returned), stored
// in the media bucket under the caller's folder, recorded by the purpose's output recorder (gigs.media
// for gig_enhancement), idempotent by key, and nothing written on bad input or a provider failure.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { createAiGatewayHandler } from "../../supabase/functions/ai-gateway/handler.ts";
import { anthropicProvider, estimateInputTokens, IMAGE_INPUT_TOKEN_ESTIMATE, openAiImages, openAiProvider, type ChatMessage } from "../../supabase/functions/ai-gateway/providers.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { supabaseStorage } from "../../supabase/functions/_shared/storage.ts";
import { AiStandIn, solidPng } from "../ai-stand-in.ts";
import { asUser, createUser, testDatabaseUrl, userToken } from "../helpers.ts";
import { StorageStandIn } from "../storage-stand-in.ts";

const run = Date.now();
const imageModel = `gpt-image-test-${run}`;
const singleModel = `dall-e-test-${run}`;
const chatModel = `gpt-vision-test-${run}`;
const claudeModel = `claude-vision-test-${run}`;
const price = 30;  // credits per 256x256 image of imageModel
const chatCost = (input: number, output: number) => Math.max(1, Math.ceil((input * 2) / 1000) + Math.ceil((output * 10) / 1000));

let sql: Sql;
let ai: AiStandIn;
let storage: StorageStandIn;
let gateway: Handler;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  ai = await new AiStandIn().start();
  storage = await new StorageStandIn(sql).start();
  gateway = createAiGatewayHandler({
    sql, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), timeoutMs: 2000,
    providers: { openai: openAiProvider(ai.url, "sk-test"), anthropic: anthropicProvider(ai.url, "sk-ant-test") },
    images: openAiImages(ai.url, "sk-test"),
    storage: supabaseStorage(storage.url, await serviceRoleKey()),
  });
  await sql`insert into billing.ai_image_prices (model, size, provider, credits_per_image, max_images)
            values (${imageModel}, '256x256', 'openai', ${price}, 4), (${imageModel}, '512x256', 'openai', 50, 4),
                   (${singleModel}, '256x256', 'openai', 40, 1)`;
  await sql`insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
            values (${chatModel}, 'openai', 2, 10, 1, 1000), (${claudeModel}, 'anthropic', 2, 10, 1, 1000)`;
});
afterAll(async () => {
  await Promise.all([sql.end(), ai.stop(), storage.stop()]);
});
beforeEach(() => {
  ai.imagesReturned = undefined;
  ai.revisedPrompt = undefined;
  ai.imagesBroken = false;
  ai.firstByteDelayMs = 0;
  ai.reply = { pieces: ["A", " photo."], inputTokens: 1700, outputTokens: 20 };
});

async function serviceRoleKey(): Promise<string> {
  const { signApiKey } = await import("../../scripts/lib/keys.ts");
  return signApiKey("service_role");
}

async function fundedUser(name: string, credits: number): Promise<{ id: string; token: string }> {
  const id = await createUser(sql, `${name}-${run}@example.com`);
  if (credits > 0) {
    await sql`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${id}, 'CREDIT'), ${credits}, 'bonus', ${`fund-${id}`})`;
  }
  return { id, token: await userToken(id) };
}

async function account(userId: string): Promise<{ balance: number; held: number }> {
  const [row] = await sql<{ balance: string; held: string }[]>`select balance, held from billing.accounts where owner_type = 'user' and user_id = ${userId} and asset = 'CREDIT'`;
  return { balance: Number(row?.balance ?? 0), held: Number(row?.held ?? 0) };
}

const generate = (token: string, body: Record<string, unknown>, key?: string) => gateway(new Request("http://local/ai-gateway/images/generations", {
  method: "POST", body: JSON.stringify({ model: imageModel, prompt: "A portrait in warm light", size: "256x256", ...body }),
  headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) },
}));

function edit(token: string, fields: Record<string, string>, files: Record<string, Uint8Array>, key?: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ model: imageModel, prompt: "Warmer light", size: "256x256", ...fields })) form.set(name, value);
  for (const [name, bytes] of Object.entries(files)) form.set(name, new File([bytes as Uint8Array<ArrayBuffer>], `${name}.png`, { type: "image/png" }));
  return gateway(new Request("http://local/ai-gateway/images/edits", {
    method: "POST", body: form, headers: { authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) },
  }));
}

const chat = (token: string, body: Record<string, unknown>) => gateway(new Request("http://local/ai-gateway", {
  method: "POST", body: JSON.stringify({ model: chatModel, max_tokens: 1000, ...body }),
  headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
}));

const pngDataUri = `data:image/png;base64,${solidPng(8, 8).toString("base64")}`;
const objectsOf = async (userId: string) =>
  (await sql<{ name: string }[]>`select name from storage.objects where bucket_id = 'media' and name like ${`${userId}/%`} order by name`).map((r) => r.name);
const requestsOf = async (userId: string) => (await sql`select count(*)::int as n from billing.ai_requests where user_id = ${userId}`)[0].n as number;

describe("ai-gateway images: generation", () => {
  test("n images are reserved at the model's price for the size, stored under the caller's folder, and charged", async () => {
    const user = await fundedUser("painter", 1000);
    ai.revisedPrompt = "A portrait in warm, golden light";
    const response = await generate(user.token, { n: 3 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.credits).toEqual({ reserved: 3 * price, charged: 3 * price });
    expect(body.images).toEqual({ requested: 3, returned: 3 });
    expect(body.data).toHaveLength(3);
    expect(body.data[0]).toMatchObject({ bucket: "media", mime_type: "image/png", width: 256, height: 256, revised_prompt: ai.revisedPrompt });
    expect(body.data.map((d: { path: string }) => d.path)).toEqual([0, 1, 2].map((i) => `${user.id}/ai/${body.id}/${i}.png`));
    // What the provider got: OpenAI's generations body, no response_format for a GPT Image model.
    expect(ai.lastImages?.fields).toEqual({ model: imageModel, prompt: "A portrait in warm light", n: 3, size: "256x256" });
    expect(await account(user.id)).toEqual({ balance: 1000 - 3 * price, held: 0 });
    const [request] = await sql`select kind, status, image_size, images_requested, images_returned, credits_per_image, reserved_credits, credits_charged, last_user_message
                                  from billing.ai_requests where id = ${body.id}`;
    expect(request).toEqual({ kind: "image_generation", status: "completed", image_size: "256x256", images_requested: 3, images_returned: 3,
                              credits_per_image: String(price), reserved_credits: String(3 * price), credits_charged: String(3 * price),
                              last_user_message: "A portrait in warm light" });
    const [object] = await sql`select metadata from storage.objects where bucket_id = 'media' and name = ${body.data[0].path}`;
    expect(object.metadata).toMatchObject({ mimetype: "image/png", size: body.data[0].size });
    // general records nothing in any product.
    expect((await sql`select count(*)::int as n from gigs.media where owner_user_id = ${user.id}`)[0].n).toBe(0);
    expect((await sql`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });

  test("fewer images than asked for are charged as returned; the rest of the hold is released", async () => {
    const user = await fundedUser("short", 1000);
    ai.imagesReturned = 1;
    const body = await (await generate(user.token, { n: 3 })).json();
    expect(body.credits).toEqual({ reserved: 3 * price, charged: price });
    expect(body.images).toEqual({ requested: 3, returned: 1 });
    expect(await account(user.id)).toEqual({ balance: 1000 - price, held: 0 });
    expect(await objectsOf(user.id)).toHaveLength(1);

    // More than asked for are neither kept nor charged; none at all charges nothing.
    ai.imagesReturned = 4;
    const more = await (await generate(user.token, { n: 2 })).json();
    expect(more.credits.charged).toBe(2 * price);
    expect(more.data).toHaveLength(2);
    ai.imagesReturned = 0;
    const none = await (await generate(user.token, { n: 2 })).json();
    expect(none).toMatchObject({ data: [], credits: { reserved: 2 * price, charged: 0 } });
    expect(await account(user.id)).toEqual({ balance: 1000 - 3 * price, held: 0 });
    expect(await objectsOf(user.id)).toHaveLength(3);
  });

  test("a retry with the same key returns the same images and charges once; a concurrent duplicate is 409", async () => {
    const user = await fundedUser("retrier", 1000);
    const calls = ai.calls;
    const uploads = storage.uploads;
    const first = await (await generate(user.token, { n: 2 }, `img-retry-${run}`)).json();
    const second = await generate(user.token, { n: 2 }, `img-retry-${run}`);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(first);
    expect(ai.calls).toBe(calls + 1);
    expect(storage.uploads).toBe(uploads + 2);
    expect(await account(user.id)).toEqual({ balance: 1000 - 2 * price, held: 0 });

    ai.firstByteDelayMs = 400;
    const running = generate(user.token, { n: 1 }, `img-race-${run}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const duplicate = await generate(user.token, { n: 1 }, `img-race-${run}`);
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).error.code).toBe("in_progress");
    expect((await running).status).toBe(200);
    expect(await account(user.id)).toEqual({ balance: 1000 - 3 * price, held: 0 });
  });

  test("a provider failure, a broken image or a storage failure releases the hold and leaves no files", async () => {
    const user = await fundedUser("unlucky", 1000);
    ai.failNext();
    const failed = await generate(user.token, { n: 2 });
    expect(failed.status).toBe(502);
    expect((await failed.json()).error.code).toBe("provider_error");

    ai.imagesBroken = true;
    expect((await generate(user.token, { n: 2 })).status).toBe(502);
    ai.imagesBroken = false;

    // The second upload fails: the first file is removed again.
    storage.failNext(1, 1);
    expect((await generate(user.token, { n: 2 })).status).toBe(502);

    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
    expect((await sql`select array_agg(status order by created_at) as s from billing.ai_requests where user_id = ${user.id}`)[0].s)
      .toEqual(["failed", "failed", "failed"]);
    expect(await objectsOf(user.id)).toEqual([]);
    expect((await sql`select count(*)::int as n from gigs.media where owner_user_id = ${user.id}`)[0].n).toBe(0);
    // A retry of a failed key answers the failure again, without calling the provider.
    const [{ idempotency_key }] = await sql`select idempotency_key from billing.ai_requests where user_id = ${user.id} limit 1`;
    const calls = ai.calls;
    expect((await generate(user.token, { n: 2 }, idempotency_key)).status).toBe(502);
    expect(ai.calls).toBe(calls);
  });

  test("402 before the provider is called when n images cost more than the balance", async () => {
    const user = await fundedUser("broke", price * 2);
    const calls = ai.calls;
    const response = await generate(user.token, { n: 3 });
    expect(response.status).toBe(402);
    expect((await response.json()).error.details).toEqual({ available: 2 * price, required: 3 * price });
    expect(ai.calls).toBe(calls);
    expect(await requestsOf(user.id)).toBe(0);
  });

  test("bad image requests answer 4xx JSON and write nothing", async () => {
    const user = await fundedUser("careless", 1000);
    const calls = ai.calls;
    const uploads = storage.uploads;
    const cases: [Promise<Response>, number, string][] = [
      [generate(user.token, { n: 11 }), 400, "invalid_request"],
      [generate(user.token, { n: "two" }), 400, "invalid_request"],
      [generate(user.token, { n: 0 }), 400, "invalid_request"],
      [generate(user.token, { prompt: "x".repeat(32_001) }), 400, "invalid_request"],
      [generate(user.token, { prompt: "" }), 400, "invalid_request"],
      [generate(user.token, { size: "huge" }), 400, "invalid_request"],
      [generate(user.token, { response_format: "url" }), 400, "invalid_request"],
      [generate(user.token, { user_id: "someone-else" }), 400, "invalid_request"],
      // No price for that size, or that model: 404 as an unknown model is for text.
      [generate(user.token, { size: "1024x1024" }), 404, "not_found"],
      [generate(user.token, { model: "no-such-image-model" }), 404, "not_found"],
      // The model takes at most 1 image a request (its price's max_images).
      [generate(user.token, { model: singleModel, n: 2 }), 400, "invalid_request"],
      // A purpose that takes no images, and one that is not registered.
      [generate(user.token, { purpose: { type: "project", id: crypto.randomUUID() } }), 404, "not_found"],
      [generate(user.token, { purpose: { type: "no_such_purpose" } }), 404, "not_found"],
      [edit(user.token, {}, {}), 400, "invalid_request"],
      [edit(user.token, {}, { image: new TextEncoder().encode("not an image") }), 400, "invalid_request"],
      [edit(user.token, {}, { image: solidPng(16, 16), mask: solidPng(8, 8) }), 400, "invalid_request"],
      [edit(user.token, { purpose: "gig_enhancement" }, { image: solidPng(16, 16) }), 400, "invalid_request"],
      [edit(user.token, { colour: "red" }, { image: solidPng(16, 16) }), 400, "invalid_request"],
      [edit(user.token, {}, { image: solidPng(16, 16), extra: solidPng(16, 16) }), 400, "invalid_request"],
      [gateway(new Request("http://local/ai-gateway/images/edits", { method: "POST", body: "{}", headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` } })), 415, "unsupported_media_type"],
      [gateway(new Request("http://local/ai-gateway/images/variations", { method: "POST", body: "{}", headers: { authorization: `Bearer ${user.token}` } })), 404, "not_found"],
      [generate("not-a-jwt", {}), 401, "invalid_jwt"],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect(response.status, code).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await response.json()).error.code).toBe(code);
    }
    expect(ai.calls).toBe(calls);
    expect(storage.uploads).toBe(uploads);
    expect(await requestsOf(user.id)).toBe(0);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
    expect(await objectsOf(user.id)).toEqual([]);
  });

  test("an edit's body is read only up to its bound, streamed or not: 413, nothing written", async () => {
    const user = await fundedUser("flood", 1000);
    const calls = ai.calls;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 48) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const response = await gateway(new Request("http://local/ai-gateway/images/edits", {
      method: "POST", body, duplex: "half",
      headers: { "content-type": "multipart/form-data; boundary=x", authorization: `Bearer ${user.token}` },
    } as RequestInit));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(sent).toBeLessThan(48);
    expect(ai.calls).toBe(calls);
    expect(await requestsOf(user.id)).toBe(0);
  });

  test("a purpose registered without images (studio's conversation) refuses image requests: 400 unsupported_purpose", async () => {
    const user = await fundedUser("studio-painter", 1000);
    const [conversation] = await asUser(sql, user.id, (tx) => tx`insert into studio.javari_conversations (user_id, provider, model) values (${user.id}, 'openai', ${chatModel}) returning id`);
    const response = await generate(user.token, { purpose: { type: "conversation", id: conversation.id } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("unsupported_purpose");
    expect(await requestsOf(user.id)).toBe(0);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
  });
});

describe("ai-gateway images: the stored files and the gigs product", () => {
  test("the stored objects are readable by their owner and by no other user (the bucket's policies)", async () => {
    const owner = await fundedUser("owner", 1000);
    const other = await fundedUser("snoop", 0);
    const body = await (await generate(owner.token, { n: 1 })).json();
    const path = body.data[0].path as string;
    const download = async (token: string) => fetch(`${storage.url}/object/authenticated/media/${path}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await download(owner.token);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).subarray(1, 4).toString("ascii")).toBe("PNG");
    expect((await download(other.token)).status).toBe(400);
    expect(await asUser(sql, owner.id, (tx) => tx`select name from storage.objects where bucket_id = 'media' and name = ${path}`)).toHaveLength(1);
    expect(await asUser(sql, other.id, (tx) => tx`select name from storage.objects where bucket_id = 'media' and name = ${path}`)).toHaveLength(0);
  });

  test("gig_enhancement: a generation becomes the caller's gigs.media, linked to the enhancement; others see none of it", async () => {
    const user = await fundedUser("gigs-painter", 1000);
    const other = await fundedUser("gigs-other", 1000);
    const [{ id: image }] = await asUser(sql, user.id, (tx) => tx<{ id: string }[]>`
      insert into gigs.source_images (user_id, storage_path, mime_type) values (${user.id}, ${`${user.id}/raw.png`}, 'image/png') returning id`);
    // Someone else's source image is not a purpose the caller may use.
    expect((await generate(other.token, { n: 1, purpose: { type: "gig_enhancement", id: image } })).status).toBe(404);
    expect((await generate(user.token, { n: 1, purpose: { type: "gig_enhancement" } })).status).toBe(404);

    ai.revisedPrompt = "warm light, revised";
    const body = await (await generate(user.token, { n: 2, size: "512x256", purpose: { type: "gig_enhancement", id: image } }, `gig-img-${run}`)).json();
    expect(body.credits).toEqual({ reserved: 100, charged: 100 });
    const [enhancement] = await sql`select id, enhancement_type, status, credits_used, prompt, result from gigs.ai_enhancements where ai_request_id = ${body.id}`;
    expect(enhancement).toMatchObject({ enhancement_type: "image_generation", status: "completed", credits_used: "100", prompt: "A portrait in warm light", result: null });
    const media = await sql`select owner_user_id, type, path, mime_type, file_size, width, height, visibility, generation_metadata
                              from gigs.media where generation_metadata ->> 'ai_request_id' = ${body.id} order by path`;
    expect(media).toHaveLength(2);
    expect(media[0]).toMatchObject({ owner_user_id: user.id, type: "image", path: body.data[0].path, mime_type: "image/png",
                                     file_size: String(body.data[0].size), width: 512, height: 256, visibility: "private" });
    expect(media[0].generation_metadata).toEqual({ ai_request_id: body.id, ai_enhancement_id: enhancement.id, source_image_id: image,
                                                   kind: "image_generation", model: imageModel, size: "512x256",
                                                   prompt: "A portrait in warm light", revised_prompt: "warm light, revised" });
    // The owner reads the rows (RLS), another user does not.
    expect(await asUser(sql, user.id, (tx) => tx`select id from gigs.media where generation_metadata ->> 'ai_request_id' = ${body.id}`)).toHaveLength(2);
    expect(await asUser(sql, other.id, (tx) => tx`select id from gigs.media where generation_metadata ->> 'ai_request_id' = ${body.id}`)).toHaveLength(0);
    // A retry records nothing twice.
    expect(await (await generate(user.token, { n: 2, size: "512x256", purpose: { type: "gig_enhancement", id: image } }, `gig-img-${run}`)).json()).toEqual(body);
    expect((await sql`select count(*)::int as n from gigs.media where owner_user_id = ${user.id}`)[0].n).toBe(2);
    expect((await sql`select count(*)::int as n from gigs.ai_enhancements where user_id = ${user.id}`)[0].n).toBe(1);
    expect(await account(user.id)).toEqual({ balance: 900, held: 0 });
  });

  test("gig_enhancement: an edit (multipart, image and mask) is sent as OpenAI's edits form and recorded the same way", async () => {
    const user = await fundedUser("gigs-editor", 1000);
    const [{ id: image }] = await asUser(sql, user.id, (tx) => tx<{ id: string }[]>`
      insert into gigs.source_images (user_id, storage_path, mime_type) values (${user.id}, ${`${user.id}/raw.png`}, 'image/png') returning id`);
    const response = await edit(user.token, { n: "1", purpose: JSON.stringify({ type: "gig_enhancement", id: image }) },
      { image: solidPng(64, 64), mask: solidPng(64, 64, [0, 0, 0]) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.credits).toEqual({ reserved: price, charged: price });
    expect(ai.lastImages?.path).toBe("/v1/images/edits");
    expect(ai.lastImages?.fields).toEqual({ model: imageModel, prompt: "Warmer light", n: "1", size: "256x256" });
    expect(ai.lastImages?.files).toEqual({ image: { type: "image/png", size: solidPng(64, 64).length }, mask: { type: "image/png", size: solidPng(64, 64, [0, 0, 0]).length } });
    const [enhancement] = await sql`select enhancement_type from gigs.ai_enhancements where ai_request_id = ${body.id}`;
    expect(enhancement.enhancement_type).toBe("image_edit");
    expect((await sql`select count(*)::int as n from gigs.media where generation_metadata ->> 'ai_request_id' = ${body.id}`)[0].n).toBe(1);
  });

  test("a DALL·E model is asked for base64 (it would answer URLs, which the gateway never fetches)", async () => {
    const user = await fundedUser("dalle", 1000);
    expect((await generate(user.token, { model: singleModel, n: 1 })).status).toBe(200);
    expect(ai.lastImages?.fields).toMatchObject({ model: singleModel, response_format: "b64_json" });
  });
});

describe("ai-gateway images: image input on chat", () => {
  const withImage = (text: string, url = pngDataUri) => [{ role: "user", content: [{ type: "text", text }, { type: "image_url", image_url: { url, detail: "low" } }] }];

  test("an image part is reserved at the per-image estimate and charged what the provider reports; OpenAI gets the parts as sent", async () => {
    const user = await fundedUser("viewer", 1000);
    const messages = withImage("What is in this photo?");
    const estimate = estimateInputTokens(messages as ChatMessage[]);
    expect(estimate).toBeGreaterThan(IMAGE_INPUT_TOKEN_ESTIMATE);
    const response = await chat(user.token, { messages });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.credits).toEqual({ reserved: chatCost(estimate, 1000), charged: chatCost(1700, 20) });
    expect(ai.lastBody.messages).toEqual(messages);
    const [request] = await sql`select estimated_input_tokens, last_user_message, kind from billing.ai_requests where user_id = ${user.id}`;
    expect(request).toEqual({ estimated_input_tokens: estimate, last_user_message: "What is in this photo?", kind: "chat" });
    expect(await account(user.id)).toEqual({ balance: 1000 - chatCost(1700, 20), held: 0 });
  });

  test("Anthropic gets image content blocks with a base64 source", async () => {
    const user = await fundedUser("claude-viewer", 1000);
    for (const stream of [false, true]) {
      const response = await chat(user.token, { model: claudeModel, stream, messages: withImage("Describe it") });
      expect(response.status).toBe(200);
      await response.text();
      expect(ai.lastBody.messages).toEqual([{ role: "user", content: [
        { type: "text", text: "Describe it" },
        { type: "image", source: { type: "base64", media_type: "image/png", data: pngDataUri.split(",")[1] } },
      ] }]);
    }
  });

  test("images that are too many, too big, not data: URIs, not what they say, or outside user messages: 400, nothing reserved", async () => {
    const user = await fundedUser("tricky", 1000);
    const calls = ai.calls;
    const jpegAsPng = `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]).toString("base64")}`;
    const huge = `data:image/png;base64,${Buffer.concat([solidPng(1, 1), Buffer.alloc(5 * 1024 * 1024)]).toString("base64")}`;
    const bad = [
      Array.from({ length: 9 }, () => ({ role: "user", content: [{ type: "image_url", image_url: { url: pngDataUri } }] })),
      withImage("too big", huge),
      withImage("remote", "https://example.com/cat.png"),
      withImage("metadata service", "http://169.254.169.254/latest/meta-data/"),
      withImage("our own functions", "http://127.0.0.1:54321/functions/v1/health"),
      withImage("svg", `data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}`),
      withImage("lying", jpegAsPng),
      withImage("not base64", "data:image/png;base64,@@@@"),
      withImage("cut short", pngDataUri.slice(0, -3)),
      [{ role: "system", content: [{ type: "image_url", image_url: { url: pngDataUri } }] }],
      [{ role: "assistant", content: [{ type: "text", text: "parts" }] }],
      [{ role: "user", content: [{ type: "image_url", image_url: { url: pngDataUri, detail: "ultra" } }] }],
      [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }],
      [{ role: "user", content: [] }],
    ];
    for (const messages of bad) {
      const response = await chat(user.token, { messages });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
    }
    expect(ai.calls).toBe(calls);
    expect(await requestsOf(user.id)).toBe(0);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
  });
});

describe("ai-gateway images served like npm start serves them", () => {
  let server: FunctionsServer;
  beforeAll(async () => {
    server = await startFunctionsServer({
      port: await freePort(56100), dbUrl: testDatabaseUrl(),
      env: { OPENAI_BASE_URL: ai.url, ANTHROPIC_BASE_URL: ai.url, SUPABASE_STORAGE_URL: storage.url },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("a generation through Deno stores the images and charges per image", async () => {
    const user = await fundedUser("served-painter", 1000);
    const response = await fetch(`${server.url}/functions/v1/ai-gateway/images/generations`, {
      method: "POST", body: JSON.stringify({ model: imageModel, prompt: "A gig poster", n: 2, size: "256x256" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.credits.charged).toBe(2 * price);
    expect(await objectsOf(user.id)).toEqual(body.data.map((d: { path: string }) => d.path));
    expect(await account(user.id)).toEqual({ balance: 1000 - 2 * price, held: 0 });
  });
});
