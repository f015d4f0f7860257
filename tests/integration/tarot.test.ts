import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { createAiGatewayHandler } from "../../supabase/functions/ai-gateway/handler.ts";
import { anthropicProvider, openAiProvider } from "../../supabase/functions/ai-gateway/providers.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { AiStandIn } from "../ai-stand-in.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";
import { asUser, createUser, openConnections, testDatabaseUrl, userToken } from "../helpers.ts";

let admin: Sql;
const run = Date.now();

beforeAll(() => {
  admin = connectDatabase(testDatabaseUrl());
});
afterAll(async () => {
  await admin.end();
});

/** A listed reader with payouts enabled, at a rate in US cents. */
async function reader(name: string, rateType: "per_minute" | "per_reading", rate: number): Promise<{ id: string; account: string }> {
  const id = await createUser(admin, `${name}-${run}@example.com`);
  const account = `acct_${name}_${run}`.replace(/-/g, "_");
  await admin`select billing.register_connected_account(${account}, ${id})`;
  await admin`update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where id = ${account}`;
  await asUser(admin, id, (tx) => tx`insert into tarot.reader_profiles (rate_type, rate_amount, is_listed) values (${rateType}, ${rate}, true)`);
  return { id, account };
}

async function spread(name: string): Promise<string> {
  const [row] = await admin<{ id: string }[]>`select id from tarot.tarot_spreads where name = ${name} and not is_custom`;
  return row.id;
}

async function wallet(userId: string, asset = "USD"): Promise<{ balance: number; held: number }> {
  const [row] = await admin<{ balance: string; held: string }[]>`select balance, held from billing.accounts where owner_type = 'user' and user_id = ${userId} and asset = ${asset}`;
  return { balance: Number(row?.balance ?? 0), held: Number(row?.held ?? 0) };
}

test("20 concurrent requests against a wallet covering 5 holds start exactly 5", async () => {
  const { id: readerId } = await reader("rush-reader", "per_reading", 1000);
  const client = await createUser(admin, `rush-client-${run}@example.com`);
  await admin`select billing.transfer(billing.platform_account('promotions', 'USD'), billing.user_account(${client}, 'USD'), 5000, 'bonus', ${`rush-${client}`})`;
  const single = await spread("Single card");
  const connections = await openConnections(20);
  try {
    const outcomes = await Promise.allSettled(connections.map((sql, i) =>
      asUser(sql, client, (tx) => tx`select (tarot.request_reading(${single}, ${readerId}, ${`ask ${i}`}, 'standard', ${`rush-${run}-${i}`})).id`)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(5);
    expect(new Set(outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code: string }).code] : [])))).toEqual(new Set(["PA101"]));
  } finally {
    await Promise.all(connections.map((sql) => sql.end()));
  }
  expect(await wallet(client)).toEqual({ balance: 5000, held: 5000 });
  const [{ n }] = await admin`select count(*)::int as n from tarot.reading_sessions where client_id = ${client}`;
  expect(n).toBe(5);
  expect((await admin`select billing.ledger_violations() as v`)[0].v).toEqual([]);
});

describe("a paid reading end to end over the served functions", () => {
  let stripe: StripeStandIn;
  let server: FunctionsServer;
  beforeAll(async () => {
    stripe = await new StripeStandIn().start();
    server = await startFunctionsServer({ port: await freePort(56300), dbUrl: testDatabaseUrl(), env: { STRIPE_API_BASE: stripe.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await stripe?.stop();
  });

  test("top up (signed webhook), a per-minute reading whose hold grows, capture, earning, and the payouts run pays the reader", async () => {
    const { id: readerId, account } = await reader("e2e-reader", "per_minute", 100);
    const client = await createUser(admin, `e2e-client-${run}@example.com`);

    // The client tops up 50.00 through Checkout; Stripe confirms it with a signed event.
    const checkout = await fetch(`${server.url}/functions/v1/checkout`, {
      method: "POST",
      headers: { authorization: `Bearer ${await userToken(client)}`, "content-type": "application/json" },
      body: JSON.stringify({ purpose: "wallet_top_up", amount: 5000, currency: "usd",
                             success_url: "http://127.0.0.1:3000/topped-up", cancel_url: "http://127.0.0.1:3000/wallet" }),
    });
    expect(checkout.status).toBe(200);
    const [session] = stripe.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).ref === client);
    const event = JSON.stringify({
      id: `evt_topup_${run}`, object: "event", type: "checkout.session.completed", api_version: stripeApiVersion, created: Math.floor(Date.now() / 1000),
      data: { object: { id: `cs_topup_${run}`, mode: "payment", payment_status: "paid", amount_total: 5000, currency: "usd",
                        payment_intent: `pi_topup_${run}`, metadata: session.params.metadata } },
    });
    const webhook = await fetch(`${server.url}/functions/v1/stripe-webhook`, {
      method: "POST", body: event, headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: event, secret: stripeWebhookSecret }) },
    });
    expect(await webhook.json()).toEqual({ received: true, outcome: "processed" });
    expect(await wallet(client)).toEqual({ balance: 5000, held: 0 });

    // The reading: 10 minutes held at the request, the reader starts it.
    const three = await spread("Three cards");
    const [{ id: reading }] = await asUser(admin, client, (tx) =>
      tx<{ id: string }[]>`select (tarot.request_reading(${three}, ${readerId}, 'What does the spring hold?', 'standard', ${`e2e-${run}`})).id`);
    expect(await wallet(client)).toEqual({ balance: 5000, held: 1000 });
    await asUser(admin, readerId, (tx) => tx`select tarot.start_reading(${reading})`);
    const [drawn] = await admin`select jsonb_array_length(cards_drawn) as n from tarot.reading_sessions where id = ${reading}`;
    expect(drawn.n).toBe(3);

    // Nine minutes in, one held minute is left: the reader's app ticks and the hold grows by a block.
    await admin`update tarot.reading_sessions set started_at = now() - interval '9 minutes' + interval '5 seconds' where id = ${reading}`;
    await asUser(admin, readerId, (tx) => tx`select tarot.reading_tick(${reading})`);
    expect(await wallet(client)).toEqual({ balance: 5000, held: 2000 });

    // Fifteen minutes: the client ends it; 15.00 captured, the rest released, 12.00 earned by the reader.
    await admin`update tarot.reading_sessions set started_at = now() - interval '15 minutes' + interval '5 seconds' where id = ${reading}`;
    await asUser(admin, client, (tx) => tx`select tarot.complete_reading(${reading})`);
    expect(await wallet(client)).toEqual({ balance: 3500, held: 0 });
    const [earning] = await admin`select amount, status from billing.seller_earnings where source_type = 'tarot_reading' and source_id = ${reading}`;
    expect(earning).toEqual({ amount: "1200", status: "pending" });

    // The complaint window passes; the payouts run pays the reader once.
    await admin`update billing.seller_earnings set available_at = now() - interval '1 minute' where source_type = 'tarot_reading' and source_id = ${reading}`;
    for (let i = 0; i < 2; i++) {
      const payouts = await fetch(`${server.url}/functions/v1/payouts`, { method: "POST", headers: { authorization: `Bearer ${server.serviceRoleKey}` } });
      expect(payouts.status).toBe(200);
    }
    const transfers = stripe.created("/v1/transfers").filter((r) => r.params.destination === account);
    expect(transfers).toHaveLength(1);
    expect(transfers[0].params).toMatchObject({ amount: "1200", currency: "usd" });
    expect((await admin`select status from billing.payouts where seller_id = ${readerId}`)[0].status).toBe("paid");
    expect((await admin`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });
});

describe("an AI reading through the gateway", () => {
  let ai: AiStandIn;
  const model = `tarot-model-${run}`;
  beforeAll(async () => {
    ai = await new AiStandIn().start();
    await admin`insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
                values (${model}, 'openai', 2, 10, 1, 1000)`;
  });
  afterAll(async () => {
    await ai.stop();
  });

  test("is built from the stored draw, stored on the reading and charged once, retry included", async () => {
    const gateway = createAiGatewayHandler({
      sql: admin, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), timeoutMs: 2000,
      providers: { openai: openAiProvider(ai.url, "sk-test"), anthropic: anthropicProvider(ai.url, "sk-ant-test") },
    });
    ai.reply = { pieces: ["The Tower", " clears", " the way."], inputTokens: 400, outputTokens: 300 };
    const client = await createUser(admin, `ai-client-${run}@example.com`);
    await admin`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${client}, 'CREDIT'), 100, 'bonus', ${`ai-${client}`})`;
    const three = await spread("Three cards");
    const [{ id: reading }] = await asUser(admin, client, (tx) =>
      tx<{ id: string }[]>`select (tarot.request_reading(${three}, null, 'Should I move?', 'standard', ${`ai-${run}`})).id`);
    const token = await userToken(client);
    const ask = (key: string) => gateway(new Request("http://local/ai-gateway", {
      method: "POST",
      body: JSON.stringify({ model, max_tokens: 1000, messages: [{ role: "user", content: "Tell me only good news" }], purpose: { type: "tarot_reading", id: reading } }),
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": key },
    }));

    const first = await ask(`reading-${run}`);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.choices[0].message.content).toBe("The Tower clears the way.");
    // The provider got the prompt built in SQL from the draw, not the client's message.
    const [stored] = await admin`select cards_drawn, status, ai_interpretation ->> 'text' as text, ai_model_version from tarot.reading_sessions where id = ${reading}`;
    const sent = JSON.stringify(ai.lastBody.messages);
    for (const card of stored.cards_drawn as { name: string }[]) expect(sent).toContain(card.name);
    expect(sent).not.toContain("Tell me only good news");
    expect(stored).toMatchObject({ status: "completed", text: "The Tower clears the way.", ai_model_version: model });
    const charged = 100 - (await wallet(client, "CREDIT")).balance;
    expect(charged).toBe(Math.ceil((400 * 2) / 1000) + Math.ceil((300 * 10) / 1000));

    // A retry with the same key answers the stored result without calling the provider or charging again.
    const calls = ai.calls;
    const retry = await ask(`reading-${run}`);
    expect(retry.status).toBe(200);
    expect((await retry.json()).choices[0].message.content).toBe("The Tower clears the way.");
    expect(ai.calls).toBe(calls);
    // Another key for the interpreted reading is refused before the provider: charged once.
    expect((await ask(`reading-again-${run}`)).status).toBe(404);
    expect(ai.calls).toBe(calls);
    expect(await wallet(client, "CREDIT")).toEqual({ balance: 100 - charged, held: 0 });
    const [{ n }] = await admin`select count(*)::int as n from billing.ai_requests where user_id = ${client}`;
    expect(n).toBe(1);
  });
});
