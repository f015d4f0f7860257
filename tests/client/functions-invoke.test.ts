// Every edge function called the way a frontend calls it: supabase-js `functions.invoke` against the
// served functions, with a signed-in user's session, with the anon key alone, and with the service
// key. What a client sees of an error is a FunctionsHttpError whose `context` is the Response: the
// status and our JSON body `{ error: { code, message, details? } }` (docs/api.md "Edge function errors").
import { createClient, FunctionsHttpError, type SupabaseClient } from "@supabase/supabase-js";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Database } from "../../types/database.types.ts";
import { AiStandIn } from "../ai-stand-in.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";
import { asUser, createUser, latestMigrationVersion, testDatabaseUrl, userToken } from "../helpers.ts";

const run = Date.now();
const model = `gpt-invoke-${run}`;
const site = "http://127.0.0.1:3000";

let sql: Sql;
let stripe: StripeStandIn;
let ai: AiStandIn;
let server: FunctionsServer;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  [stripe, ai] = await Promise.all([new StripeStandIn().start(), new AiStandIn().start()]);
  server = await startFunctionsServer({
    port: await freePort(56600), dbUrl: testDatabaseUrl(),
    env: { STRIPE_API_BASE: stripe.url, OPENAI_BASE_URL: ai.url, ANTHROPIC_BASE_URL: ai.url, AI_PROVIDER_TIMEOUT_MS: "5000" },
  });
  await sql`insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
            values (${model}, 'openai', 2, 10, 1, 1000)`;
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([stripe?.stop(), ai?.stop(), sql?.end()]);
});

/** A client as the browser has it after signing in: the session Auth issued, persisted in its storage. */
async function signedIn(userId: string): Promise<SupabaseClient<Database>> {
  const accessToken = await userToken(userId);
  const now = Math.floor(Date.now() / 1000);
  const session = {
    access_token: accessToken, refresh_token: `refresh-${userId}`, token_type: "bearer", expires_in: 3600, expires_at: now + 3600,
    user: { id: userId, aud: "authenticated", role: "authenticated", email: `${userId}@example.com`, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() },
  };
  const storageKey = `sb-invoke-${userId}`;
  const stored = new Map([[storageKey, JSON.stringify(session)]]);
  const client = createClient<Database>(server.url, server.anonKey, {
    auth: {
      storageKey, persistSession: true, autoRefreshToken: false, detectSessionInUrl: false,
      storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value), removeItem: (key) => void stored.delete(key) },
    },
  });
  // The client sends the session's token, not the anon key.
  expect((await client.auth.getSession()).data.session?.access_token).toBe(accessToken);
  return client;
}

/** The anon key alone (a visitor who has not signed in). */
const anonymous = () => createClient<Database>(server.url, server.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
/** The service key (a server, never a browser). */
const service = () => createClient<Database>(server.url, server.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });

async function newUser(label: string): Promise<{ id: string; client: SupabaseClient<Database> }> {
  const id = await createUser(sql, `invoke-${label}-${run}@example.com`);
  return { id, client: await signedIn(id) };
}

/** What the client gets for a refused call: a FunctionsHttpError carrying the status and our JSON body. */
async function refusal(call: Promise<{ data: unknown; error: unknown }>) {
  const { data, error } = await call;
  expect(data).toBeNull();
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const response = (error as FunctionsHttpError).context as Response;
  const body = await response.json() as { error: { code: string; message: string; details?: unknown } };
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, code: body.error.code, details: body.error.details, headers: response.headers };
}

describe("the gateway and every function's common errors", () => {
  test("health: GET answers with anon key and service key; POST is 405 method_not_allowed with Allow", async () => {
    for (const client of [anonymous(), service()]) {
      const { data, error } = await client.functions.invoke("health", { method: "GET" });
      expect(error).toBeNull();
      expect(data).toEqual({ status: "ok", migration_version: latestMigrationVersion() });
    }
    const refused = await refusal(anonymous().functions.invoke("health", { body: {} }));
    expect(refused).toMatchObject({ status: 405, code: "method_not_allowed" });
    expect(refused.headers.get("allow")).toBe("GET, HEAD");
  });

  test("an unknown function is 404 function_not_found", async () => {
    expect(await refusal(anonymous().functions.invoke("no-such-function", { body: {} }))).toMatchObject({ status: 404, code: "function_not_found" });
  });

  test("a function that needs a user is 401 invalid_jwt for the anon key and for the service key", async () => {
    const user = ["checkout", "billing-portal", "connect-onboarding", "ai-gateway", "studio-credentials", "streaming-connections", "rtc-credentials"];
    for (const name of user) {
      for (const client of [anonymous(), service()]) {
        expect(await refusal(client.functions.invoke(name, { body: {} })), name).toMatchObject({ status: 401, code: "invalid_jwt" });
      }
    }
  });

  test("a service function is 403 forbidden for a signed-in user and for the anon key", async () => {
    const { client } = await newUser("not-service");
    for (const name of ["payouts", "refunds"]) {
      expect(await refusal(client.functions.invoke(name, { body: {} })), name).toMatchObject({ status: 403, code: "forbidden" });
      expect(await refusal(anonymous().functions.invoke(name, { body: {} })), name).toMatchObject({ status: 403, code: "forbidden" });
    }
  });

  test("a body that is not JSON is 400 invalid_json; a wrong field 400 invalid_request with details", async () => {
    const { client } = await newUser("bad-body");
    expect(await refusal(client.functions.invoke("checkout", { body: "{not json", headers: { "Content-Type": "application/json" } })))
      .toMatchObject({ status: 400, code: "invalid_json" });
    const wrong = await refusal(client.functions.invoke("checkout", { body: { purpose: "nothing", success_url: `${site}/ok`, cancel_url: `${site}/no` } }));
    expect(wrong).toMatchObject({ status: 400, code: "invalid_request" });
    expect(wrong.details).toEqual([expect.objectContaining({ path: "purpose" })]);
  });

  test("a malformed Idempotency-Key is 400 invalid_idempotency_key", async () => {
    const { client } = await newUser("bad-key");
    const body = { purpose: "credit_package", package_id: "starter", success_url: `${site}/ok`, cancel_url: `${site}/no` };
    expect(await refusal(client.functions.invoke("checkout", { body, headers: { "Idempotency-Key": "short" } })))
      .toMatchObject({ status: 400, code: "invalid_idempotency_key" });
  });

  test("a suspended user is 403 forbidden", async () => {
    const { id, client } = await newUser("suspended");
    await sql`update public.profiles set status = 'suspended' where id = ${id}`;
    const body = { purpose: "credit_package", package_id: "starter", success_url: `${site}/ok`, cancel_url: `${site}/no` };
    expect(await refusal(client.functions.invoke("checkout", { body }))).toMatchObject({ status: 403, code: "forbidden" });
  });

  test("a database that does not answer is 503 database_unavailable", async () => {
    const down = await startFunctionsServer({ port: await freePort(56700), dbUrl: `postgresql://postgres:postgres@127.0.0.1:${await freePort(56800)}/postgres` });
    try {
      const client = createClient<Database>(down.url, down.anonKey, { auth: { persistSession: false } });
      expect(await refusal(client.functions.invoke("health", { method: "GET" }))).toMatchObject({ status: 503, code: "database_unavailable" });
    } finally {
      await down.stop();
    }
  });
});

describe("Stripe functions (against the Stripe stand-in)", () => {
  test("checkout: a package gives a Checkout URL; an unknown one is 404 not_found", async () => {
    const { client } = await newUser("buyer");
    const { data, error } = await client.functions.invoke<{ id: string; url: string }>("checkout", {
      body: { purpose: "credit_package", package_id: "starter", success_url: `${site}/billing/done`, cancel_url: `${site}/billing` },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(error).toBeNull();
    expect(data?.url).toMatch(/^https:\/\//);
    expect(await refusal(client.functions.invoke("checkout", { body: { purpose: "credit_package", package_id: "no-such-package", success_url: `${site}/ok`, cancel_url: `${site}/no` } })))
      .toMatchObject({ status: 404, code: "not_found" });

    // billing-portal: the customer exists now.
    const portal = await client.functions.invoke<{ url: string }>("billing-portal", { body: { return_url: `${site}/billing` } });
    expect(portal.error).toBeNull();
    expect(portal.data?.url).toMatch(/^https:\/\//);
  });

  test("billing-portal before any purchase is 404 no_customer", async () => {
    const { client } = await newUser("no-customer");
    expect(await refusal(client.functions.invoke("billing-portal", { body: { return_url: `${site}/billing` } }))).toMatchObject({ status: 404, code: "no_customer" });
  });

  test("connect-onboarding gives an onboarding link; a redirect off the site is 400 invalid_request", async () => {
    const { client } = await newUser("seller");
    const { data, error } = await client.functions.invoke<{ account_id: string; url: string }>("connect-onboarding", {
      body: { return_url: `${site}/seller/done`, refresh_url: `${site}/seller/again` },
    });
    expect(error).toBeNull();
    expect(data?.account_id).toMatch(/^acct_/);
    expect(await refusal(client.functions.invoke("connect-onboarding", { body: { return_url: "https://evil.example/x", refresh_url: `${site}/x` } })))
      .toMatchObject({ status: 400, code: "invalid_request" });
  });

  test("payouts and refunds run with the service key", async () => {
    for (const name of ["payouts", "refunds"]) {
      const { data, error } = await service().functions.invoke(name, { body: {} });
      expect(error, name).toBeNull();
      expect(data, name).toBeTypeOf("object");
    }
  });

  test("stripe-webhook: missing_signature, invalid_signature, invalid_payload, thin_event, unsupported_api_version", async () => {
    const webhook = anonymous().functions;
    const signed = (payload: string) => ({ "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeWebhookSecret }), "Content-Type": "application/json" });
    expect(await refusal(webhook.invoke("stripe-webhook", { body: {} }))).toMatchObject({ status: 400, code: "missing_signature" });
    expect(await refusal(webhook.invoke("stripe-webhook", { body: {}, headers: { "Stripe-Signature": "t=1,v1=00" } })))
      .toMatchObject({ status: 400, code: "invalid_signature" });
    const notJson = "not json";
    expect(await refusal(webhook.invoke("stripe-webhook", { body: notJson, headers: signed(notJson) }))).toMatchObject({ status: 400, code: "invalid_payload" });
    const thin = JSON.stringify({ id: `evt_thin_${run}`, object: "v2.core.event", type: "v1.billing.meter.no_meter_found" });
    expect(await refusal(webhook.invoke("stripe-webhook", { body: thin, headers: signed(thin) }))).toMatchObject({ status: 400, code: "thin_event" });
    const old = JSON.stringify({ id: `evt_old_${run}`, object: "event", type: "customer.updated", api_version: "2020-08-27", created: Math.floor(Date.now() / 1000),
                                 data: { object: { id: "cus_old", object: "customer" } } });
    expect(await refusal(webhook.invoke("stripe-webhook", { body: old, headers: signed(old) }))).toMatchObject({ status: 500, code: "unsupported_api_version" });
    const ok = JSON.stringify({ id: `evt_ok_${run}`, object: "event", type: "customer.updated", api_version: stripeApiVersion, created: Math.floor(Date.now() / 1000),
                                data: { object: { id: `cus_unknown_${run}`, object: "customer" } } });
    const { data, error } = await webhook.invoke("stripe-webhook", { body: ok, headers: signed(ok) });
    expect(error).toBeNull();
    expect(data).toMatchObject({ received: true });
    // An event the database cannot apply (metadata naming no user): recorded, 500 so that Stripe retries.
    const broken = JSON.stringify({ id: `evt_broken_${run}`, object: "event", type: "checkout.session.completed", api_version: stripeApiVersion, created: Math.floor(Date.now() / 1000),
                                    data: { object: { id: `cs_broken_${run}`, object: "checkout.session", mode: "payment", payment_status: "paid", amount_total: 999, currency: "usd",
                                                      payment_intent: `pi_broken_${run}`, metadata: { purpose: "credit_package", ref: "starter", user_id: "not-a-uuid" } } } });
    expect(await refusal(webhook.invoke("stripe-webhook", { body: broken, headers: signed(broken) }))).toMatchObject({ status: 500, code: "event_failed" });
  });
});

describe("ai-gateway (against the AI stand-in)", () => {
  async function funded(label: string, credits: number) {
    const user = await newUser(label);
    if (credits > 0) await sql`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${user.id}, 'CREDIT'), ${credits}, 'bonus', ${`fund-${user.id}`})`;
    return user;
  }
  const ask = (extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: "user", content: "Hi there" }], max_tokens: 100, ...extra });

  test("an answer, charged; an unknown model 404 not_found; a bad purpose 400; no credits 402 insufficient_credits", async () => {
    const { client } = await funded("ai-user", 1000);
    const { data, error } = await client.functions.invoke("ai-gateway", { body: ask(), headers: { "Idempotency-Key": `invoke-${run}-1` } });
    expect(error).toBeNull();
    expect(data).toMatchObject({ choices: [{ message: { content: "Hello from the stand-in." } }], credits: { charged: expect.any(Number) } });
    expect(await refusal(client.functions.invoke("ai-gateway", { body: ask({ model: "no-such-model" }) }))).toMatchObject({ status: 404, code: "not_found" });
    expect(await refusal(client.functions.invoke("ai-gateway", { body: ask({ purpose: { type: "Not A Name" } }) }))).toMatchObject({ status: 400, code: "invalid_request" });
    const poor = await funded("ai-poor", 0);
    const broke = await refusal(poor.client.functions.invoke("ai-gateway", { body: ask() }));
    expect(broke).toMatchObject({ status: 402, code: "insufficient_credits", details: { available: 0 } });
  });

  test("past the per-minute limit: 429 rate_limited with Retry-After", async () => {
    const { id, client } = await funded("ai-eager", 1000);
    await sql`insert into billing.ai_user_limits (user_id, requests_per_minute) values (${id}, 1)`;
    expect((await client.functions.invoke("ai-gateway", { body: ask() })).error).toBeNull();
    const limited = await refusal(client.functions.invoke("ai-gateway", { body: ask() }));
    expect(limited).toMatchObject({ status: 429, code: "rate_limited", details: { retry_after: expect.any(Number) } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("over the daily credit cap: 429 daily_cap_reached with Retry-After", async () => {
    const { id, client } = await funded("ai-capped", 1000);
    await sql`insert into billing.ai_user_limits (user_id, daily_credit_cap) values (${id}, 1)`;
    const capped = await refusal(client.functions.invoke("ai-gateway", { body: ask() }));
    expect(capped).toMatchObject({ status: 429, code: "daily_cap_reached" });
    expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("the same Idempotency-Key while the first request runs: 409 in_progress", async () => {
    const { client } = await funded("ai-twice", 1000);
    ai.firstByteDelayMs = 3000;
    try {
      const headers = { "Idempotency-Key": `invoke-running-${run}` };
      const calls = ai.calls;
      const first = client.functions.invoke("ai-gateway", { body: ask(), headers });
      // The first request is running once it has reached the provider (which waits before answering).
      while (ai.calls === calls) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await refusal(client.functions.invoke("ai-gateway", { body: ask(), headers }))).toMatchObject({ status: 409, code: "in_progress" });
      expect((await first).error).toBeNull();
    } finally {
      ai.firstByteDelayMs = 0;
    }
  });

  test("a provider failure is 502 provider_error", async () => {
    const { client } = await funded("ai-failed", 1000);
    ai.failNext();
    expect(await refusal(client.functions.invoke("ai-gateway", { body: ask() }))).toMatchObject({ status: 502, code: "provider_error" });
  });
});

describe("functions that keep a user's secrets or calls", () => {
  test("studio-credentials: store, list (GET), delete; deleting what is not there is 404 not_found", async () => {
    const { client } = await newUser("studio");
    expect((await client.functions.invoke("studio-credentials", { body: { service: "openai", credentials: "sk-user-key" } })).data)
      .toEqual({ service: "openai", stored: true });
    expect((await client.functions.invoke("studio-credentials", { method: "GET" })).data).toMatchObject({ services: [expect.objectContaining({ service: "openai" })] });
    expect((await client.functions.invoke("studio-credentials", { method: "DELETE", body: { service: "openai" } })).data).toEqual({ service: "openai", removed: true });
    expect(await refusal(client.functions.invoke("studio-credentials", { method: "DELETE", body: { service: "openai" } }))).toMatchObject({ status: 404, code: "not_found" });
    expect(await refusal(client.functions.invoke("studio-credentials", { method: "PUT", body: {} }))).toMatchObject({ status: 405, code: "method_not_allowed" });
  });

  test("streaming-connections: a connection is stored; a wrong platform is 400 invalid_request", async () => {
    const { client } = await newUser("streamer");
    const { data, error } = await client.functions.invoke("streaming-connections", {
      body: { platform: "twitch", access_token: "oauth-access", refresh_token: "oauth-refresh", expires_in: 3600, platform_user_id: `tw-${run}` },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ platform: "twitch" });
    expect(await refusal(client.functions.invoke("streaming-connections", { body: { platform: "myspace", access_token: "x", platform_user_id: "y" } })))
      .toMatchObject({ status: 400, code: "invalid_request" });
  });

  test("rtc-credentials: a participant gets ICE servers; a stranger 403 forbidden; after the call 409 call_ended", async () => {
    const alice = await newUser("rtc-a");
    const bob = await newUser("rtc-b");
    const stranger = await newUser("rtc-c");
    const callId = await asUser(sql, alice.id, async (tx) => {
      const [{ id }] = await tx<{ id: string }[]>`select public.start_direct_conversation(${bob.id}) as id`;
      const [call] = await tx<{ id: string }[]>`select (public.start_call(${id})).id`;
      return call.id;
    });
    const { data, error } = await bob.client.functions.invoke<{ username: string; ice_servers: RTCIceServer[] }>("rtc-credentials", { body: { call_id: callId } });
    expect(error).toBeNull();
    expect(data?.username).toMatch(new RegExp(`^\\d+:${bob.id}$`));
    expect(data?.ice_servers.length).toBeGreaterThan(0);
    expect(await refusal(stranger.client.functions.invoke("rtc-credentials", { body: { call_id: callId } }))).toMatchObject({ status: 403, code: "forbidden" });
    await asUser(sql, alice.id, (tx) => tx`select public.end_call(${callId})`);
    expect(await refusal(bob.client.functions.invoke("rtc-credentials", { body: { call_id: callId } }))).toMatchObject({ status: 409, code: "call_ended" });
  });
});
