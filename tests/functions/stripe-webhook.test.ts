import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { createStripe, stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { createStripeWebhookHandler } from "../../supabase/functions/stripe-webhook/handler.ts";
import { asUser, createUser, testDatabaseUrl } from "../helpers.ts";
import * as fixtures from "../stripe-fixtures.ts";
import { describeWithFixtures, stripeEvent } from "../stripe-fixtures.ts";

const secret = "whsec_test_secret";
const stripe = createStripe("sk_test_unused");
let sql: Sql;
let webhook: Handler;
const run = Date.now();
let sequence = 0;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  webhook = createStripeWebhookHandler({ sql, stripe, webhookSecret: secret });
  await sql`insert into billing.credit_packages (id, name, credits, bonus_credits, price_amount) values
              (${`pack-${run}`}, 'Starter', 1000, 200, 999) on conflict do nothing`;
  await sql`insert into billing.plans (id, product, name, monthly_credits, stripe_price_id) values
              (${`pro-${run}`}, 'webhook_test', 'Pro', 5000, ${`price_pro_${run}`}), (${`plus-${run}`}, 'webhook_test', 'Plus', 2000, ${`price_plus_${run}`})`;
});
afterAll(async () => {
  await sql.end();
});

function signedRequest(event: unknown, options: { secret?: string; timestamp?: number; header?: string | null } = {}): Request {
  const payload = JSON.stringify(event);
  const header = options.header === undefined
    ? stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? secret, timestamp: options.timestamp })
    : options.header;
  return new Request("http://local/stripe-webhook", { method: "POST", body: payload, headers: header === null ? {} : { "stripe-signature": header } });
}

/** The signature is checked before the body is parsed: any event will do. */
const anyEvent = () => ({ id: `evt_${run}_${++sequence}`, object: "event", type: "invoice.paid", created: Math.floor(Date.now() / 1000), data: { object: {} } });

function creditPackageCheckout(userId: string, sessionId: string) {
  return stripeEvent("checkout.session.completed", fixtures.checkoutSession({
    id: sessionId, amount: 999, paymentIntent: `pi_${sessionId}`, metadata: { purpose: "credit_package", ref: `pack-${run}`, user_id: userId },
  }));
}

async function credits(userId: string): Promise<number> {
  const [row] = await sql<{ balance: string }[]>`select balance from billing.accounts where owner_type = 'user' and user_id = ${userId} and asset = 'CREDIT'`;
  return Number(row?.balance ?? 0);
}

const eventCount = async () => Number((await sql<{ n: string }[]>`select count(*) as n from private.stripe_events`)[0].n);

describe("stripe-webhook: signatures", () => {
  test("a bad signature answers 400 and writes nothing", async () => {
    const before = await eventCount();
    const response = await webhook(signedRequest(anyEvent(), { secret: "whsec_wrong" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_signature");
    expect(await eventCount()).toBe(before);
    const [event] = await sql`select event_type, severity from audit.security_events order by id desc limit 1`;
    expect(event).toEqual({ event_type: "stripe.invalid_signature", severity: "medium" });
  });

  test("a missing header answers 400", async () => {
    const response = await webhook(signedRequest(anyEvent(), { header: null }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("missing_signature");
  });

  test("a stale timestamp answers 400 and writes nothing", async () => {
    const before = await eventCount();
    const response = await webhook(signedRequest(anyEvent(), { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(response.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  test("the Connect endpoint signs with its own secret: with both configured, either verifies", async () => {
    const connectSecret = "whsec_connect_secret";
    const both = createStripeWebhookHandler({ sql, stripe, webhookSecret: [secret, connectSecret] });
    const event = () => ({ ...anyEvent(), type: "plan.created", api_version: stripeApiVersion, account: "acct_connected" });
    expect(await (await both(signedRequest(event(), { secret: connectSecret }))).json()).toEqual({ received: true, outcome: "unhandled" });
    expect(await (await both(signedRequest(event()))).json()).toEqual({ received: true, outcome: "unhandled" });
    expect((await webhook(signedRequest(event(), { secret: connectSecret }))).status).toBe(400);
    expect((await both(signedRequest(event(), { secret: "whsec_someone_else" }))).status).toBe(400);
  });

  test("other methods answer 405", async () => {
    expect((await webhook(new Request("http://local/stripe-webhook"))).status).toBe(405);
  });
});

describeWithFixtures("stripe-webhook: delivery", () => {
  test("a credit package checkout grants its credits and bonus once, however often it arrives", async () => {
    const user = await createUser(sql, `buyer-${run}@example.com`);
    const event = creditPackageCheckout(user, `cs_${run}_repeat`);
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      const response = await webhook(signedRequest(event));
      expect(response.status).toBe(200);
      outcomes.push((await response.json()).outcome);
    }
    expect(outcomes).toEqual(["processed", ...Array(9).fill("duplicate")]);
    expect(await credits(user)).toBe(1200);
    const [payment] = await sql`select status, credits_granted from billing.payments where stripe_checkout_session_id = ${`cs_${run}_repeat`}`;
    expect(payment).toEqual({ status: "succeeded", credits_granted: "1200" });
  });

  test("the same event twice at the same moment has one effect", async () => {
    const user = await createUser(sql, `twin-${run}@example.com`);
    const event = creditPackageCheckout(user, `cs_${run}_twin`);
    const other = connectDatabase(testDatabaseUrl());
    try {
      const otherWebhook = createStripeWebhookHandler({ sql: other, stripe, webhookSecret: secret });
      const responses = await Promise.all([webhook(signedRequest(event)), otherWebhook(signedRequest(event))]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect((await Promise.all(responses.map((r) => r.json()))).map((b) => b.outcome).sort()).toEqual(["duplicate", "processed"]);
    } finally {
      await other.end();
    }
    expect(await credits(user)).toBe(1200);
  });

  test("subscription events delivered in reverse order end in the newest state", async () => {
    const user = await createUser(sql, `subscriber-${run}@example.com`);
    const id = `sub_${run}`;
    const period = { start: 1_790_000_000, end: 1_792_600_000 };
    const subscription = (status: string, price: string, cancelAtPeriodEnd = false) => fixtures.subscription({
      id, customer: `cus_${run}`, status, price, period, cancelAtPeriodEnd, metadata: { user_id: user },
    });
    const t = Math.floor(Date.now() / 1000);
    const created = stripeEvent("customer.subscription.created", subscription("incomplete", `price_plus_${run}`), { created: t });
    const upgraded = stripeEvent("customer.subscription.updated", subscription("active", `price_pro_${run}`), { created: t + 10 });
    const cancelling = stripeEvent("customer.subscription.updated", subscription("active", `price_pro_${run}`, true), { created: t + 20 });
    for (const event of [cancelling, upgraded, created]) expect((await webhook(signedRequest(event))).status).toBe(200);
    const [row] = await sql`select status, plan_id, cancel_at_period_end, user_id from billing.subscriptions where stripe_subscription_id = ${id}`;
    expect(row).toEqual({ status: "active", plan_id: `pro-${run}`, cancel_at_period_end: true, user_id: user });
    // The plan the products see is the one the webhook recorded.
    expect([...await sql`select plan_id, source from billing.current_plan('webhook_test', ${user})`]).toEqual([{ plan_id: `pro-${run}`, source: "user" }]);

    const deleted = stripeEvent("customer.subscription.deleted", subscription("canceled", `price_pro_${run}`), { created: t + 30 });
    await webhook(signedRequest(deleted));
    await webhook(signedRequest(stripeEvent("customer.subscription.updated", subscription("active", `price_plus_${run}`), { created: t + 25 })));
    expect((await sql`select status from billing.subscriptions where stripe_subscription_id = ${id}`)[0].status).toBe("canceled");
    expect(await sql`select plan_id from billing.current_plan('webhook_test', ${user})`).toHaveLength(0);
  });

  test("invoice.paid grants the plan's monthly credits once per invoice; early, it fails and Stripe's retry applies it", async () => {
    const user = await createUser(sql, `invoiced-${run}@example.com`);
    const invoice = fixtures.invoice({ id: `in_${run}`, customer: `cus_inv_${run}`, subscription: `sub_inv_${run}`, amount: 2900 });
    const paid = stripeEvent("invoice.paid", invoice);
    const early = await webhook(signedRequest(paid));
    expect(early.status).toBe(500);
    const [failed] = await sql`select status, last_error from private.stripe_events where id = ${paid.id as string}`;
    expect(failed.status).toBe("failed");
    expect(failed.last_error).toMatch(/not seen yet/);

    await webhook(signedRequest(stripeEvent("customer.subscription.created", fixtures.subscription({
      id: `sub_inv_${run}`, customer: `cus_inv_${run}`, status: "active", price: `price_pro_${run}`,
      period: { start: 1_790_000_000, end: 1_792_600_000 }, metadata: { user_id: user },
    }))));
    expect(await (await webhook(signedRequest(paid))).json()).toEqual({ received: true, outcome: "processed" });
    expect(await (await webhook(signedRequest(stripeEvent("invoice.paid", invoice)))).json()).toEqual({ received: true, outcome: "processed" });
    expect(await credits(user)).toBe(5000);
  });
});

describeWithFixtures("stripe-webhook served like npm start serves it", () => {
  let server: FunctionsServer;
  beforeAll(async () => {
    server = await startFunctionsServer({ port: await freePort(55600), dbUrl: testDatabaseUrl() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("a signed credit package checkout makes the credits visible in the user's balance", async () => {
    const user = await createUser(sql, `e2e-${run}@example.com`);
    const payload = JSON.stringify(creditPackageCheckout(user, `cs_${run}_e2e`));
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeWebhookSecret });
    const response = await fetch(`${server.url}/functions/v1/stripe-webhook`, { method: "POST", body: payload, headers: { "stripe-signature": header } });
    expect(response.status).toBe(200);
    const balances = await asUser(sql, user, (tx) => tx<{ asset: string; available: string }[]>`select asset, available from billing.my_balances()`);
    expect(balances).toEqual([{ asset: "CREDIT", available: "1200" }]);
  });
});
