import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { anthropicProvider, estimateInputTokens, openAiProvider, type ChatMessage } from "../../supabase/functions/ai-gateway/providers.ts";
import { createAiGatewayHandler } from "../../supabase/functions/ai-gateway/handler.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { AiStandIn } from "../ai-stand-in.ts";
import { asUser, createUser, testDatabaseUrl, userToken } from "../helpers.ts";

const run = Date.now();
const openAiModel = `gpt-test-${run}`;
const anthropicModel = `claude-test-${run}`;
// 2 credits per 1,000 input tokens, 10 per 1,000 output tokens, at least 1; answers of up to 1,000 tokens.
const messages = [{ role: "user", content: "Hi there" }];
const estimatedInput = Math.ceil("Hi there".length / 3) + 4 + 3;
const cost = (input: number, output: number) => Math.max(1, Math.ceil((input * 2) / 1000) + Math.ceil((output * 10) / 1000));
const worstCase = cost(estimatedInput, 1000);

let sql: Sql;
let ai: AiStandIn;
let gateway: Handler;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  ai = await new AiStandIn().start();
  gateway = createAiGatewayHandler({
    sql, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), timeoutMs: 2000,
    providers: { openai: openAiProvider(ai.url, "sk-test"), anthropic: anthropicProvider(ai.url, "sk-ant-test") },
  });
  await sql`insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
            values (${openAiModel}, 'openai', 2, 10, 1, 1000), (${anthropicModel}, 'anthropic', 2, 10, 1, 1000)`;
});
afterAll(async () => {
  await Promise.all([sql.end(), ai.stop()]);
});
beforeEach(() => {
  ai.reply = { pieces: ["Hello", " from", " the", " stand-in."], inputTokens: 1500, outputTokens: 700 };
  ai.pieceDelayMs = 0;
  ai.firstByteDelayMs = 0;
});

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

function ask(token: string, body: Record<string, unknown>, key?: string): Request {
  return new Request("http://local/ai-gateway", {
    method: "POST", body: JSON.stringify({ messages, max_tokens: 1000, ...body }),
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) },
  });
}

/** The data payloads of an SSE response. */
async function readEvents(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text.split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, "")).map((d) => (d === "[DONE]" ? d : JSON.parse(d)));
}

async function settled(requestId: string) {
  for (let i = 0; i < 100; i++) {
    const [row] = await sql`select status, aborted, input_tokens, output_tokens, credits_charged, reserved_credits from billing.ai_requests where id = ${requestId}`;
    if (row.status !== "reserved") return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`request ${requestId} never settled`);
}

describe("ai-gateway", () => {
  test("a non-streamed answer costs exactly what the provider reports, and the rest of the hold is released", async () => {
    const user = await fundedUser("plain", 1000);
    const response = await gateway(ask(user.token, { model: openAiModel }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.choices[0].message.content).toBe("Hello from the stand-in.");
    expect(body.usage).toMatchObject({ prompt_tokens: 1500, completion_tokens: 700 });
    expect(body.credits).toEqual({ reserved: worstCase, charged: cost(1500, 700) });
    expect(await account(user.id)).toEqual({ balance: 1000 - cost(1500, 700), held: 0 });
    const [request] = await sql`select purpose_type, status, credits_charged from billing.ai_requests where user_id = ${user.id}`;
    expect(request).toEqual({ purpose_type: "general", status: "completed", credits_charged: String(cost(1500, 700)) });
    // A general request belongs to no product: no product writes usage rows for it.
    expect((await sql`select count(*)::int as n from studio.javari_usage_stats where user_id = ${user.id}`)[0].n).toBe(0);
  });

  test("a streamed answer arrives piece by piece and costs exactly what the provider reports", async () => {
    const user = await fundedUser("streamed", 1000);
    const response = await gateway(ask(user.token, { model: anthropicModel, stream: true }));
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response) as { choices?: { delta: { content?: string } }[]; credits?: unknown }[];
    const content = events.flatMap((e) => (typeof e === "object" && e.choices?.[0]?.delta?.content) || []).join("");
    expect(content).toBe("Hello from the stand-in.");
    expect(events.at(-1)).toBe("[DONE]");
    expect(events.at(-2)).toMatchObject({ usage: { prompt_tokens: 1500, completion_tokens: 700 }, credits: { charged: cost(1500, 700) } });
    expect(await account(user.id)).toEqual({ balance: 1000 - cost(1500, 700), held: 0 });
  });

  test("a provider error before any output charges nothing", async () => {
    const user = await fundedUser("failed", 1000);
    for (const stream of [false, true]) {
      ai.failNext();
      const response = await gateway(ask(user.token, { model: openAiModel, stream }));
      expect(response.status).toBe(502);
      expect((await response.json()).error.code).toBe("provider_error");
    }
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
    expect((await sql`select array_agg(status) as s from billing.ai_requests where user_id = ${user.id}`)[0].s).toEqual(["failed", "failed"]);
  });

  test("a provider that does not start in time charges nothing", async () => {
    const user = await fundedUser("slow", 1000);
    ai.firstByteDelayMs = 2500;
    expect((await gateway(ask(user.token, { model: openAiModel }))).status).toBe(502);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
  });

  test("a client that leaves mid-stream pays for what was produced", async () => {
    const user = await fundedUser("leaver", 1000);
    ai.reply = { pieces: Array(40).fill("word "), inputTokens: 1500, outputTokens: 4000 };
    ai.pieceDelayMs = 25;
    const response = await gateway(ask(user.token, { model: openAiModel, stream: true }));
    const reader = response.body!.getReader();
    for (let chunks = 0; chunks < 3; chunks++) await reader.read();
    await reader.cancel();
    const [{ id }] = await sql`select id from billing.ai_requests where user_id = ${user.id}`;
    const row = await settled(id);
    expect(row.aborted).toBe(true);
    expect(row.output_tokens).toBeGreaterThan(0);
    expect(row.output_tokens).toBeLessThan(50);
    expect(Number(row.credits_charged)).toBe(cost(row.input_tokens, row.output_tokens));
    expect(await account(user.id)).toEqual({ balance: 1000 - Number(row.credits_charged), held: 0 });
  });

  test("402 with the balance before the provider is called", async () => {
    const user = await fundedUser("poor", 5);
    const calls = ai.calls;
    const response = await gateway(ask(user.token, { model: openAiModel }));
    expect(response.status).toBe(402);
    expect((await response.json()).error).toMatchObject({ code: "insufficient_credits", details: { available: 5, required: worstCase } });
    expect(ai.calls).toBe(calls);
  });

  test("429 with Retry-After past the per-minute limit", async () => {
    const user = await fundedUser("eager", 1000);
    await sql`insert into billing.ai_user_limits (user_id, requests_per_minute) values (${user.id}, 2)`;
    for (let i = 0; i < 2; i++) expect((await gateway(ask(user.token, { model: openAiModel }))).status).toBe(200);
    const limited = await gateway(ask(user.token, { model: openAiModel }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await sql`select count(*)::int as n from audit.security_events where user_id = ${user.id} and event_type = 'ai.limit_exceeded'`)[0].n).toBe(1);
  });

  test("a retry with the same Idempotency-Key returns the recorded answer without a second charge", async () => {
    const user = await fundedUser("retry", 1000);
    const calls = ai.calls;
    const first = await (await gateway(ask(user.token, { model: openAiModel }, `retry-key-${run}`))).json();
    const second = await (await gateway(ask(user.token, { model: openAiModel }, `retry-key-${run}`))).json();
    expect(second).toEqual(first);
    expect(ai.calls).toBe(calls + 1);
    expect(await account(user.id)).toEqual({ balance: 1000 - cost(1500, 700), held: 0 });
  });

  test("20 parallel requests with credits for 5 worst cases: at most 5 proceed, no balance below zero", async () => {
    const user = await fundedUser("crowd", 5 * worstCase);
    await sql`insert into billing.ai_user_limits (user_id, requests_per_minute) values (${user.id}, 100)`;
    ai.firstByteDelayMs = 100;
    const responses = await Promise.all(Array.from({ length: 20 }, () => gateway(ask(user.token, { model: openAiModel }))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 402)).toBe(true);
    const after = await account(user.id);
    expect(after.balance).toBeGreaterThanOrEqual(0);
    expect(after.held).toBe(0);
    expect((await sql`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });

  test("a conversation gets the exchange appended; a tool run gets its usage and result rows", async () => {
    const user = await fundedUser("chatty", 1000);
    const [conversation] = await asUser(sql, user.id, (tx) => tx`insert into studio.javari_conversations (user_id, provider, model) values (${user.id}, 'openai', ${openAiModel}) returning id`);
    expect((await gateway(ask(user.token, { model: openAiModel, purpose: { type: "conversation", id: conversation.id } }))).status).toBe(200);
    const [chat] = await sql`select messages, credits_used from studio.javari_conversations where id = ${conversation.id}`;
    expect(chat.messages).toEqual([{ role: "user", content: "Hi there" }, { role: "assistant", content: "Hello from the stand-in." }]);
    expect(Number(chat.credits_used)).toBe(cost(1500, 700));
    const [stats] = await sql`select input_tokens, output_tokens, credits_used, success from studio.javari_usage_stats where user_id = ${user.id}`;
    expect(stats).toEqual({ input_tokens: 1500, output_tokens: 700, credits_used: String(cost(1500, 700)), success: true });

    const [tool] = await sql`insert into studio.tools_catalog (slug, name, credit_cost) values (${`summarize-${run}`}, 'Summarize', 0) returning id`;
    expect((await gateway(ask(user.token, { model: openAiModel, purpose: { type: "tool", id: tool.id } }))).status).toBe(200);
    const [result] = await sql`select r.output_data, u.credits_used from studio.tools_results r join studio.tools_usage u on u.id = r.usage_id where r.tool_id = ${tool.id}`;
    expect(result).toEqual({ output_data: { text: "Hello from the stand-in." }, credits_used: String(cost(1500, 700)) });

    const other = await fundedUser("stranger", 1000);
    expect((await gateway(ask(other.token, { model: openAiModel, purpose: { type: "conversation", id: conversation.id } }))).status).toBe(404);
  });

  test("an unregistered purpose answers 404 JSON before the provider is called, and writes nothing", async () => {
    const user = await fundedUser("lost", 1000);
    const calls = ai.calls;
    for (const stream of [false, true]) {
      const response = await gateway(ask(user.token, { model: openAiModel, stream, purpose: { type: "no_such_purpose" } }));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await response.json()).error).toEqual({ code: "not_found", message: 'unknown AI purpose "no_such_purpose"' });
    }
    // A name that cannot be a purpose is bad input.
    const malformed = await gateway(ask(user.token, { model: openAiModel, purpose: { type: "Tarot-Reading" } }));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_request");
    expect(ai.calls).toBe(calls);
    expect((await sql`select count(*)::int as n from billing.ai_requests where user_id = ${user.id}`)[0].n).toBe(0);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
  });

  test("a purpose with a prompt builder sends the messages built from stored data, and reserves for them", async () => {
    // A product's registration, as its migration would make it: the validator allows ids "draw-...",
    // the builder turns the stored draw and the client's question into the messages to send.
    const purpose = `vitest_reading_${run}`;
    await sql.begin(async (tx) => {
      await tx`create schema if not exists tests`;
      await tx`create or replace function tests.vitest_ai_allow_draws(p_user_id uuid, p_purpose_id text) returns boolean
               language sql stable set search_path = '' as $$ select p_purpose_id like 'draw-%' $$`;
      await tx`create or replace function tests.vitest_ai_build_reading(p_user_id uuid, p_purpose_id text, p_messages jsonb) returns jsonb
               language sql stable set search_path = '' as $$
                 select jsonb_build_array(
                   jsonb_build_object('role', 'system', 'content', 'The stored draw ' || p_purpose_id || ': The Tower, The Star.'),
                   jsonb_build_object('role', 'user', 'content', 'Read the draw. The client asks: ' || (p_messages -> -1 ->> 'content')))
               $$`;
      await tx`create or replace function tests.vitest_ai_build_nothing(p_user_id uuid, p_purpose_id text, p_messages jsonb) returns jsonb
               language sql stable set search_path = '' as $$ select '[]'::jsonb $$`;
      await tx`insert into private.ai_purposes (purpose, product, validator, prompt_builder) values
                 (${purpose}, 'vitest', 'tests.vitest_ai_allow_draws(uuid, text)', 'tests.vitest_ai_build_reading(uuid, text, jsonb)'),
                 (${`${purpose}_broken`}, 'vitest', 'tests.vitest_ai_allow_draws(uuid, text)', 'tests.vitest_ai_build_nothing(uuid, text, jsonb)')`;
    });
    const built = [
      { role: "system", content: "The stored draw draw-7: The Tower, The Star." },
      { role: "user", content: "Read the draw. The client asks: Hi there" },
    ];
    const user = await fundedUser("reader", 1000);
    const response = await gateway(ask(user.token, { model: openAiModel, purpose: { type: purpose, id: "draw-7" } }));
    expect(response.status).toBe(200);
    expect(ai.lastBody.messages).toEqual(built);
    const [request] = await sql`select last_user_message, estimated_input_tokens from billing.ai_requests where user_id = ${user.id}`;
    expect(request).toEqual({ last_user_message: built[1].content, estimated_input_tokens: estimateInputTokens(built as ChatMessage[]) });

    // The validator runs before the builder: an id it refuses is 404, and nothing is sent or reserved.
    const calls = ai.calls;
    const refused = await gateway(ask(user.token, { model: openAiModel, purpose: { type: purpose, id: "someone-elses" } }));
    expect(refused.status).toBe(404);
    // A builder that returns no valid messages is our bug: 500, nothing sent or reserved.
    const broken = await gateway(ask(user.token, { model: openAiModel, purpose: { type: `${purpose}_broken`, id: "draw-7" } }));
    expect(broken.status).toBe(500);
    expect((await broken.json()).error.code).toBe("internal_error");
    expect(ai.calls).toBe(calls);
    expect((await sql`select count(*)::int as n from billing.ai_requests where user_id = ${user.id}`)[0].n).toBe(1);
  });

  test("bad requests answer 4xx and reserve nothing", async () => {
    const user = await fundedUser("sloppy", 1000);
    expect((await gateway(ask("not-a-jwt", { model: openAiModel }))).status).toBe(401);
    expect((await gateway(ask(user.token, { model: "no-such-model" }))).status).toBe(404);
    expect((await gateway(ask(user.token, { model: openAiModel, messages: [] }))).status).toBe(400);
    expect((await gateway(ask(user.token, { model: openAiModel, user_id: "someone-else" }))).status).toBe(400);
    expect(await account(user.id)).toEqual({ balance: 1000, held: 0 });
  });
});

describe("ai-gateway served like npm start serves it", () => {
  let server: FunctionsServer;
  beforeAll(async () => {
    server = await startFunctionsServer({
      port: await freePort(56000), dbUrl: testDatabaseUrl(),
      env: { OPENAI_BASE_URL: ai.url, ANTHROPIC_BASE_URL: ai.url },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("streams through Deno and charges", async () => {
    const user = await fundedUser("served", 1000);
    const response = await fetch(`${server.url}/functions/v1/ai-gateway`, {
      method: "POST", body: JSON.stringify({ model: openAiModel, messages, max_tokens: 1000, stream: true }),
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
    });
    const events = await readEvents(response);
    expect(events.at(-1)).toBe("[DONE]");
    expect(await account(user.id)).toEqual({ balance: 1000 - cost(1500, 700), held: 0 });
  });
});
