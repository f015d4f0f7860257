// The webhook fed what Stripe really sends for the pinned API version: every event is built from
// Stripe's own fixtures (../shared/stripe-fixtures), wired to rows the test makes, signed with the
// SDK's test-header helper and posted to the handler. Each handled event type has a test of its
// effect and of a redelivery (which changes nothing).
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { createStripe, stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { createStripeWebhookHandler } from "../../supabase/functions/stripe-webhook/handler.ts";
import { asUser, createUser, testDatabaseUrl } from "../helpers.ts";
import * as stripe from "../stripe-fixtures.ts";
import { describeWithFixtures, fixture, signedRequest, stripeEvent, stripeId, type StripeObject } from "../stripe-fixtures.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";

const secret = "whsec_payloads_test";
const run = Date.now().toString(36);
const pack = `pl-pack-${run}`;
const plan = `pl-pro-${run}`;
const price = `price_pl_pro_${run}`;
let sql: Sql;
let webhook: Handler;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  webhook = createStripeWebhookHandler({ sql, stripe: createStripe("sk_test_unused"), webhookSecret: secret });
  await sql`insert into billing.credit_packages (id, name, credits, bonus_credits, price_amount) values (${pack}, 'Starter', 1000, 200, 999)`;
  await sql`insert into billing.plans (id, product, name, monthly_credits, price_amount, stripe_price_id)
            values (${plan}, 'payloads_test', 'Pro', 5000, 2900, ${price})`;
});
afterAll(async () => {
  await sql.end();
});

// Delivering ---------------------------------------------------------------------------------------------
interface Delivery {
  status: number;
  body: { received?: boolean; outcome?: string; error?: { code: string; message: string } };
}

async function deliver(event: StripeObject | string): Promise<Delivery> {
  const response = await webhook(signedRequest(event, secret));
  return { status: response.status, body: await response.json() };
}

/** Rows any event could add: a redelivery must add none. */
async function rowCounts() {
  const [counts] = await sql`
    select (select count(*) from billing.transfers)::int as transfers, (select count(*) from public.notifications)::int as notifications,
           (select count(*) from billing.payments)::int as payments, (select count(*) from billing.seller_earnings)::int as earnings,
           (select count(*) from billing.payment_flags)::int as flags, (select count(*) from billing.subscriptions)::int as subscriptions`;
  return counts;
}

/**
 * Delivers an event, then again as Stripe's retry does: the second answers "duplicate" and changes
 * neither what `state` reads nor any row count. Returns the first outcome.
 */
async function deliverTwice(event: StripeObject, state: () => Promise<unknown>): Promise<string | undefined> {
  const first = await deliver(event);
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const after = await state();
  const counts = await rowCounts();
  expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
  expect(await state()).toEqual(after);
  expect(await rowCounts()).toEqual(counts);
  return first.body.outcome;
}

async function applied(event: StripeObject, outcome = "processed"): Promise<void> {
  const delivery = await deliver(event);
  expect(delivery, `${event.type as string}`).toEqual({ status: 200, body: { received: true, outcome } });
}

async function stored(event: StripeObject) {
  const [row] = await sql`select status, api_version, account, detail, last_error, attempts from private.stripe_events where id = ${event.id as string}`;
  return row;
}

// Rows of the test's own ------------------------------------------------------------------------------------
let users = 0;
async function buyer(): Promise<{ user: string; customer: string }> {
  const user = await createUser(sql, `payloads-${run}-${++users}@example.com`);
  const customer = stripeId("cus");
  await sql`select billing.register_stripe_customer(${customer}, ${user}, null, null)`;
  return { user, customer };
}

const ourMetadata = (user: string, purpose = "credit_package", ref = pack) =>
  ({ purpose, ref, user_id: user, organization_id: "", product_type: "", initiated_by: user });

async function credits(user: string): Promise<number> {
  const [row] = await sql<{ balance: string }[]>`select balance from billing.accounts where owner_type = 'user' and user_id = ${user} and asset = 'CREDIT'`;
  return Number(row?.balance ?? 0);
}

async function payment(where: { session?: string; invoice?: string; paymentIntent?: string }) {
  const [row] = await sql`
    select id, status, amount_refunded::int, refund_shortfall::int, disputed, stripe_payment_intent_id, metadata from billing.payments
     where stripe_checkout_session_id = ${where.session ?? null} or stripe_invoice_id = ${where.invoice ?? null}
        or stripe_payment_intent_id = ${where.paymentIntent ?? null}`;
  return row;
}

async function violations(): Promise<string[]> {
  return (await sql<{ v: string[] }[]>`select billing.ledger_violations() as v`)[0].v;
}

async function notificationsOf(user: string, type: string) {
  return sql`select payload from public.notifications where user_id = ${user} and type = ${type} order by id`;
}

/** A credit package bought through our checkout and paid: 1,000 credits and 200 bonus for 9.99. */
async function paidPack(user: string, customer: string | null = null) {
  const paymentIntent = stripeId("pi");
  const session = stripe.checkoutSession({ amount: 999, paymentIntent, customer, metadata: ourMetadata(user) });
  await applied(stripeEvent("checkout.session.completed", session));
  return { session: session.id as string, paymentIntent, charge: stripeId("ch") };
}

async function subscribed(user: string, customer: string, status = "active") {
  const id = stripeId("sub");
  const period = { start: Math.floor(Date.now() / 1000), end: Math.floor(Date.now() / 1000) + 30 * 86400 };
  const object = stripe.subscription({ id, customer, status, price, period, metadata: ourMetadata(user, "plan", plan) });
  await applied(stripeEvent("customer.subscription.created", object, { created: Math.floor(Date.now() / 1000) - 60 }));
  return { id, period, object };
}

/** A renewal paid: invoice.paid and the invoice_payment.paid that links its payment intent. */
async function paidInvoice(subscription: string, customer: string) {
  const paymentIntent = stripeId("pi");
  const inv = stripe.invoice({ customer, subscription, amount: 2900 });
  await applied(stripeEvent("invoice.paid", inv));
  await applied(stripeEvent("invoice_payment.paid", stripe.invoicePayment({ invoice: inv.id as string, paymentIntent, amount: 2900 })));
  return { invoice: inv.id as string, paymentIntent, charge: stripeId("ch") };
}

async function subscriptionRow(id: string) {
  const [row] = await sql`
    select status, plan_id, cancel_at_period_end, extract(epoch from current_period_start)::int as period_start,
           extract(epoch from current_period_end)::int as period_end from billing.subscriptions where stripe_subscription_id = ${id}`;
  return row;
}

async function seller(name: string) {
  const user = await createUser(sql, `payloads-${name}-${run}@example.com`);
  const account = stripeId("acct");
  await sql`select billing.register_connected_account(${account}, ${user})`;
  await sql`update billing.connected_accounts set charges_enabled = true, payouts_enabled = true, details_submitted = true where id = ${account}`;
  return { user, account };
}

/** A seller paid 1,000 by a payout whose transfer Stripe made. */
async function paidPayout(name: string) {
  const { user, account } = await seller(name);
  await sql`select billing.record_seller_earning(${user}, 1000, 'USD', 'payloads_sale', ${`${name}-${run}`}, null, now() - interval '1 day')`;
  const [{ id }] = await sql<{ id: string }[]>`select id from billing.begin_payouts() where seller_id = ${user}`;
  const transfer = stripeId("tr");
  await applied(stripeEvent("transfer.created", stripe.transfer({ id: transfer, amount: 1000, destination: account, metadata: { payout_id: id } })));
  return { user, account, payout: id, transfer };
}

async function payoutRow(id: string) {
  const [row] = await sql`select status, amount::int, amount_reversed::int from billing.payouts where id = ${id}`;
  return row;
}

async function earningsOf(user: string) {
  return sql`select source_type, amount::int, status from billing.seller_earnings where seller_id = ${user} order by created_at, source_id`;
}

async function securityEventCount(): Promise<number> {
  return (await sql<{ n: number }[]>`select count(*)::int as n from audit.security_events where event_type = 'stripe.invalid_signature'`)[0].n;
}

// ---------------------------------------------------------------------------------------------------------
describe("the pinned API version", () => {
  test("the SDK, the functions' client and the database name one version", async () => {
    expect(stripeApiVersion).toBe(Stripe.API_VERSION);
    const [{ version }] = await sql`select billing.stripe_api_version() as version`;
    expect(version).toBe(stripeApiVersion);
  });
});

describeWithFixtures("API versions of events", () => {
  test("each event's version and account are recorded", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, metadata: ourMetadata(user) });
    const event = stripeEvent("checkout.session.completed", session);
    await applied(event);
    expect(await stored(event)).toMatchObject({ status: "processed", api_version: stripeApiVersion, account: null });
  });

  test("an event of a version the handler does not read is refused (500) and recorded, and applied once resent in the pinned one", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, metadata: ourMetadata(user) });
    for (const version of ["2024-06-20", "2026-11-25.endive", "2027-01-27.fig", null]) {
      const event = stripeEvent("checkout.session.completed", session, { apiVersion: version });
      const delivery = await deliver(event);
      expect(delivery.status).toBe(500);
      expect(delivery.body.error?.code).toBe("unsupported_api_version");
      const row = await stored(event);
      expect(row).toMatchObject({ status: "failed", api_version: version });
      expect(row.last_error).toContain(`API version ${version ?? "null"}`);
      expect(row.last_error).toContain(stripeApiVersion);
    }
    expect(await payment({ session: session.id as string })).toBeUndefined();
    expect(await credits(user)).toBe(0);

    // The endpoint is fixed and Stripe resends the same event, now in the pinned version.
    const event = stripeEvent("checkout.session.completed", session, { apiVersion: "2024-06-20" });
    expect((await deliver(event)).status).toBe(500);
    await applied({ ...event, api_version: stripeApiVersion });
    expect(await stored(event)).toMatchObject({ status: "processed", api_version: stripeApiVersion, attempts: 2 });
    expect(await credits(user)).toBe(1200);
  });

  test("acacia (2025-01-27), still set on older endpoints: the subscription's period and the invoice's subscription and payment intent where it sent them", async () => {
    const { user, customer } = await buyer();
    const id = stripeId("sub");
    const period = { start: 1_790_000_000, end: 1_792_592_000 };
    const acacia = { apiVersion: "2025-01-27.acacia" };
    await applied(stripeEvent("customer.subscription.created",
      stripe.acaciaSubscription({ id, customer, status: "active", price, period, metadata: ourMetadata(user, "plan", plan) }), acacia));
    expect(await subscriptionRow(id)).toEqual({ status: "active", plan_id: plan, cancel_at_period_end: false, period_start: period.start, period_end: period.end });
    const paymentIntent = stripeId("pi");
    const inv = stripe.acaciaInvoice({ customer, subscription: id, amount: 2900, paymentIntent });
    await applied(stripeEvent("invoice.paid", inv, acacia));
    expect(await credits(user)).toBe(5000);
    expect((await payment({ invoice: inv.id as string })).stripe_payment_intent_id).toBe(paymentIntent);
  });
});

describeWithFixtures("what went wrong before (each failed on the pre-fixture handler)", () => {
  test("invoice.paid reads the subscription under parent: the plan's monthly credits are granted; a one-off invoice is recorded and ignored", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900 });
    expect(inv.subscription).toBeNull();  // the fixture's own: basil has no top-level subscription
    await applied(stripeEvent("invoice.paid", inv));
    expect(await credits(user)).toBe(5000);

    const oneOff = stripeEvent("invoice.paid", stripe.invoice({ customer, subscription: null, amount: 2000 }));
    await applied(oneOff, "ignored");
    expect(await stored(oneOff)).toMatchObject({ status: "ignored", detail: expect.stringMatching(/one-off/) });
    expect(await credits(user)).toBe(5000);
  });

  test("a subscription payment, linked by invoice_payment.paid, is found by its refund and its dispute", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const { invoice, paymentIntent, charge } = await paidInvoice(id, customer);
    expect(await credits(user)).toBe(5000);
    await applied(stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 2900, amountRefunded: 1450 })));
    expect(await credits(user)).toBe(2500);
    await applied(stripeEvent("charge.dispute.created", stripe.dispute({ id: stripeId("dp"), charge, paymentIntent, amount: 1450, status: "needs_response" })));
    expect(await payment({ invoice })).toMatchObject({ status: "partially_refunded", amount_refunded: 1450, disputed: true });
  });

  test("invoice.payment_failed finds the subscription under parent: it becomes past due", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    await applied(stripeEvent("invoice.payment_failed", stripe.invoice({ customer, subscription: id, amount: 2900, status: "open" })));
    expect((await subscriptionRow(id)).status).toBe("past_due");
  });

  test("customer.subscription.*: the period is read from the items, so current_period_end is stored", async () => {
    const { user, customer } = await buyer();
    const { id, period } = await subscribed(user, customer);
    expect(await subscriptionRow(id)).toMatchObject({ period_start: period.start, period_end: period.end });
    const [plan_] = await sql`select current_period_end from billing.current_plan('payloads_test', ${user})`;
    expect(plan_.current_period_end).not.toBeNull();
  });

  test("charge.dispute.closed as warning_closed (an inquiry, no chargeback) takes nothing back", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    const dp = stripeId("dp");
    await applied(stripeEvent("charge.dispute.created", stripe.dispute({ id: dp, charge, paymentIntent, amount: 999, status: "warning_needs_response" })));
    expect((await payment({ session })).disputed).toBe(true);
    await applied(stripeEvent("charge.dispute.closed", stripe.dispute({ id: dp, charge, paymentIntent, amount: 999, status: "warning_closed" })));
    expect(await payment({ session })).toMatchObject({ status: "succeeded", amount_refunded: 0, disputed: false });
    expect(await credits(user)).toBe(1200);
  });

  test("a partial transfer.reversed (100 of 1000) puts back 100, not the whole payout", async () => {
    const { user, account, payout, transfer } = await paidPayout("partial");
    await applied(stripeEvent("transfer.reversed", stripe.transfer({ id: transfer, amount: 1000, amountReversed: 100, destination: account, metadata: { payout_id: payout } })));
    // What the next payouts run pays the seller again: the 100 that came back.
    expect((await sql`select coalesce(sum(amount), 0)::int as due from billing.seller_earnings where seller_id = ${user} and status = 'pending'`)[0].due).toBe(100);
    expect((await sql`select status from billing.payouts where id = ${payout}`)[0].status).toBe("paid");
    expect(await payoutRow(payout)).toEqual({ status: "paid", amount: 1000, amount_reversed: 100 });
    expect(await earningsOf(user)).toEqual([
      { source_type: "payloads_sale", amount: 1000, status: "paid" },
      { source_type: "transfer_reversal", amount: 100, status: "pending" },
    ]);
    expect(await violations()).toEqual([]);
  });

  test("a checkout session that is not ours (a Payment Link, the Dashboard, a connected account's own) is recorded and ignored", async () => {
    const { user } = await buyer();
    const sessions = [
      stripeEvent("checkout.session.completed", stripe.checkoutSession({ amount: 1500, paymentLink: stripeId("plink") })),
      stripeEvent("checkout.session.completed", stripe.checkoutSession({ amount: 3000, customer: stripeId("cus") })),
      stripeEvent("checkout.session.completed", stripe.checkoutSession({ amount: 999, metadata: ourMetadata(user) }), { account: stripeId("acct") }),
    ];
    for (const event of sessions) {
      expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
      expect(await stored(event)).toMatchObject({ status: "ignored", detail: expect.any(String) });
      expect(await payment({ session: (event.data as { object: StripeObject }).object.id as string })).toBeUndefined();
    }
    expect(await credits(user)).toBe(0);
  });

  test("payout.failed of a connected account's automatic payout (no metadata of ours) tells the seller", async () => {
    const { user, account } = await seller("bankfail");
    const po = stripe.payout({ amount: 4200, status: "failed", failureCode: "account_closed" });
    expect(po.metadata).toEqual({});
    await applied(stripeEvent("payout.failed", po, { account }));
    expect(await notificationsOf(user, "connect.bank_payout_failed")).toEqual([
      { payload: expect.objectContaining({ stripe_payout: po.id, amount: 4200, currency: "USD", failure_code: "account_closed" }) },
    ]);
  });

  test("a well-signed body that is not JSON, or a thin event notification, is refused as such, not as a bad signature", async () => {
    const before = await securityEventCount();
    const notJson = await deliver("this is not json");
    expect(notJson).toEqual({ status: 400, body: { error: { code: "invalid_payload", message: expect.any(String) } } });
    const thin = await deliver({
      id: stripeId("evt"), object: "v2.core.event", type: "v1.billing.meter.no_meter_found", created: new Date().toISOString(),
      livemode: false, reason: null, related_object: null,
    });
    expect(thin).toEqual({ status: 400, body: { error: { code: "thin_event", message: expect.stringContaining(stripeApiVersion) } } });
    expect(await securityEventCount()).toBe(before);
  });
});

describeWithFixtures("each handled event: its effect, and a redelivery changes nothing", () => {
  // Checkout and payment intents
  test("checkout.session.completed", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, metadata: ourMetadata(user) });
    expect(await deliverTwice(stripeEvent("checkout.session.completed", session), async () => [await credits(user), (await payment({ session: session.id as string })).status])).toBe("processed");
    expect(await credits(user)).toBe(1200);
  });

  test("checkout.session.async_payment_succeeded", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, paymentStatus: "unpaid", metadata: ourMetadata(user) });
    await applied(stripeEvent("checkout.session.completed", session));
    expect((await payment({ session: session.id as string })).status).toBe("pending");
    expect(await credits(user)).toBe(0);
    await deliverTwice(stripeEvent("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" }), () => credits(user));
    expect(await credits(user)).toBe(1200);
  });

  test("checkout.session.async_payment_failed", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, paymentStatus: "unpaid", metadata: ourMetadata(user) });
    await applied(stripeEvent("checkout.session.completed", session));
    await deliverTwice(stripeEvent("checkout.session.async_payment_failed", session), () => payment({ session: session.id as string }));
    expect(await payment({ session: session.id as string })).toMatchObject({ status: "failed", metadata: expect.objectContaining({ failure: "async_payment_failed" }) });
    expect(await credits(user)).toBe(0);
  });

  test("checkout.session.expired", async () => {
    const { user } = await buyer();
    const session = stripe.checkoutSession({ amount: 999, status: "expired", paymentStatus: "unpaid", paymentIntent: null, metadata: ourMetadata(user) });
    await deliverTwice(stripeEvent("checkout.session.expired", session), () => payment({ session: session.id as string }));
    expect(await payment({ session: session.id as string })).toMatchObject({ status: "failed", metadata: expect.objectContaining({ failure: "expired" }) });
    expect(await credits(user)).toBe(0);
  });

  test("payment_intent.succeeded", async () => {
    const { user } = await buyer();
    const { paymentIntent, session } = await paidPack(user);
    await deliverTwice(stripeEvent("payment_intent.succeeded", stripe.paymentIntent({ id: paymentIntent, amount: 999, status: "succeeded" })),
      () => payment({ session }));
    expect((await payment({ session })).metadata.payment_intent_status).toBe("succeeded");
  });

  test("payment_intent.payment_failed", async () => {
    const { user } = await buyer();
    const paymentIntent = stripeId("pi");
    const session = stripe.checkoutSession({ amount: 999, paymentStatus: "unpaid", paymentIntent, metadata: ourMetadata(user) });
    await applied(stripeEvent("checkout.session.completed", session));
    await deliverTwice(stripeEvent("payment_intent.payment_failed", stripe.paymentIntent({ id: paymentIntent, amount: 999, status: "requires_payment_method" })),
      () => payment({ session: session.id as string }));
    expect((await payment({ session: session.id as string })).status).toBe("failed");
  });

  // Refunds
  test("charge.refunded", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    await deliverTwice(stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 999, amountRefunded: 333 })),
      async () => [await credits(user), await payment({ session })]);
    expect(await credits(user)).toBe(800);
    expect(await payment({ session })).toMatchObject({ status: "partially_refunded", amount_refunded: 333 });
  });

  test("refund.created", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    await deliverTwice(stripeEvent("refund.created", stripe.refund({ charge, paymentIntent, amount: 333, status: "pending" })), () => credits(user));
    expect(await credits(user)).toBe(800);
    expect((await payment({ session })).amount_refunded).toBe(333);
  });

  test("refund.updated", async () => {
    const { user } = await buyer();
    const { paymentIntent, charge } = await paidPack(user);
    const id = stripeId("re");
    await applied(stripeEvent("refund.created", stripe.refund({ id, charge, paymentIntent, amount: 333, status: "pending" })));
    const refundState = async () => [await credits(user), (await sql`select status from private.stripe_refunds where id = ${id}`)[0].status];
    await deliverTwice(stripeEvent("refund.updated", stripe.refund({ id, charge, paymentIntent, amount: 333, status: "succeeded" })), refundState);
    expect(await refundState()).toEqual([800, "succeeded"]);
  });

  test("refund.failed: what the refund took is given back, and the refund request it answered is failed", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    const id = stripeId("re");
    const { id: paymentId } = await payment({ session });
    const [{ request }] = await sql`select billing.request_refund(${paymentId}, 333, 'test', 'payloads_test', ${id}) as request`;
    await sql`select billing.finish_refund_request(${request}, ${id})`;
    await applied(stripeEvent("refund.created", stripe.refund({ id, charge, paymentIntent, amount: 333, status: "pending" })));
    expect(await credits(user)).toBe(800);
    await deliverTwice(stripeEvent("refund.failed", stripe.refund({ id, charge, paymentIntent, amount: 333, status: "failed" })), () => credits(user));
    expect(await credits(user)).toBe(1200);
    expect(await payment({ session })).toMatchObject({ status: "succeeded", amount_refunded: 0, refund_shortfall: 0 });
    expect(await sql`select status, failure_reason from billing.refund_requests where id = ${request}`)
      .toEqual([{ status: "failed", failure_reason: "expired_or_canceled_card" }]);
    expect(await violations()).toEqual([]);
  });

  test("charge.refund.updated", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    const id = stripeId("re");
    await applied(stripeEvent("refund.created", stripe.refund({ id, charge, paymentIntent, amount: 999, status: "pending" })));
    expect(await credits(user)).toBe(0);
    await deliverTwice(stripeEvent("charge.refund.updated", stripe.refund({ id, charge, paymentIntent, amount: 999, status: "failed" })), () => credits(user));
    expect(await credits(user)).toBe(1200);
    expect((await payment({ session })).status).toBe("succeeded");
  });

  // Disputes
  async function disputedSale(name: string) {
    const { user } = await buyer();
    const bought = await paidPack(user);
    const { id: paymentId } = await payment({ session: bought.session });
    const { user: gm } = await seller(name);
    await sql`select billing.record_seller_earning(${gm}, 500, 'USD', 'payloads_sale', ${`${name}-${run}`}, ${paymentId}, now() - interval '1 day')`;
    const dp = stripeId("dp");
    const dispute = (status: string) => stripe.dispute({ id: dp, charge: bought.charge, paymentIntent: bought.paymentIntent, amount: 999, status });
    return { user, gm, ...bought, dispute, dp };
  }
  const disputeState = async (session: string, gm: string, dp: string) => ({
    payment: await payment({ session }),
    earnings: await earningsOf(gm),
    dispute: (await sql`select status, funds_withdrawn_at is not null as withdrawn, funds_reinstated_at is not null as reinstated
                          from private.stripe_disputes where id = ${dp}`)[0],
  });

  test("charge.dispute.created", async () => {
    const { session, gm, dp, dispute } = await disputedSale("dispute-created");
    await deliverTwice(stripeEvent("charge.dispute.created", dispute("needs_response")), () => disputeState(session, gm, dp));
    expect(await disputeState(session, gm, dp)).toMatchObject({
      payment: { disputed: true }, earnings: [{ status: "held" }], dispute: { status: "needs_response" },
    });
  });

  test("charge.dispute.updated", async () => {
    const { session, gm, dp, dispute } = await disputedSale("dispute-updated");
    await applied(stripeEvent("charge.dispute.created", dispute("needs_response")));
    await deliverTwice(stripeEvent("charge.dispute.updated", dispute("under_review")), () => disputeState(session, gm, dp));
    expect(await disputeState(session, gm, dp)).toMatchObject({ payment: { disputed: true }, earnings: [{ status: "held" }], dispute: { status: "under_review" } });
  });

  test("charge.dispute.funds_withdrawn", async () => {
    const { session, gm, dp, dispute } = await disputedSale("dispute-withdrawn");
    await applied(stripeEvent("charge.dispute.created", dispute("needs_response")));
    await deliverTwice(stripeEvent("charge.dispute.funds_withdrawn", dispute("needs_response")), () => disputeState(session, gm, dp));
    expect((await disputeState(session, gm, dp)).dispute).toEqual({ status: "needs_response", withdrawn: true, reinstated: false });
  });

  test("charge.dispute.funds_reinstated", async () => {
    const { user, session, gm, dp, dispute } = await disputedSale("dispute-reinstated");
    await applied(stripeEvent("charge.dispute.created", dispute("needs_response")));
    await applied(stripeEvent("charge.dispute.funds_withdrawn", dispute("under_review")));
    await deliverTwice(stripeEvent("charge.dispute.funds_reinstated", dispute("won")), () => disputeState(session, gm, dp));
    expect(await disputeState(session, gm, dp)).toMatchObject({
      payment: { disputed: false, status: "succeeded" }, earnings: [{ status: "pending" }], dispute: { status: "won", reinstated: true },
    });
    expect(await credits(user)).toBe(1200);
  });

  test("charge.dispute.closed: won releases, lost takes the disputed amount back like a refund", async () => {
    const won = await disputedSale("dispute-won");
    await applied(stripeEvent("charge.dispute.created", won.dispute("needs_response")));
    await deliverTwice(stripeEvent("charge.dispute.closed", won.dispute("won")), () => disputeState(won.session, won.gm, won.dp));
    expect(await disputeState(won.session, won.gm, won.dp)).toMatchObject({ payment: { disputed: false, status: "succeeded" }, earnings: [{ status: "pending" }] });
    expect(await credits(won.user)).toBe(1200);

    const lost = await disputedSale("dispute-lost");
    await applied(stripeEvent("charge.dispute.created", lost.dispute("needs_response")));
    await deliverTwice(stripeEvent("charge.dispute.closed", lost.dispute("lost")), async () => [await credits(lost.user), await disputeState(lost.session, lost.gm, lost.dp)]);
    expect(await disputeState(lost.session, lost.gm, lost.dp)).toMatchObject({
      payment: { disputed: false, status: "refunded", amount_refunded: 999 }, earnings: [{ status: "held" }], dispute: { status: "lost" },
    });
    expect(await credits(lost.user)).toBe(0);
    expect(await violations()).toEqual([]);
  });

  test("radar.early_fraud_warning.created", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    const { id: paymentId } = await payment({ session });
    const warning = stripe.earlyFraudWarning({ charge, paymentIntent });
    const flags = () => sql`select kind, stripe_object_id, details from billing.payment_flags where payment_id = ${paymentId}`;
    await deliverTwice(stripeEvent("radar.early_fraud_warning.created", warning as unknown as StripeObject), flags);
    expect(await flags()).toEqual([{ kind: "early_fraud_warning", stripe_object_id: warning.id, details: { fraud_type: "made_with_stolen_card", actionable: true, charge } }]);
  });

  // Subscriptions
  test("customer.subscription.created", async () => {
    const { user, customer } = await buyer();
    const id = stripeId("sub");
    const period = { start: 1_791_000_000, end: 1_793_592_000 };
    const object = stripe.subscription({ id, customer, status: "active", price, period, metadata: ourMetadata(user, "plan", plan) });
    await deliverTwice(stripeEvent("customer.subscription.created", object), () => subscriptionRow(id));
    expect(await subscriptionRow(id)).toEqual({ status: "active", plan_id: plan, cancel_at_period_end: false, period_start: period.start, period_end: period.end });
    expect([...await sql`select plan_id, source from billing.current_plan('payloads_test', ${user})`]).toEqual([{ plan_id: plan, source: "user" }]);
  });

  test("customer.subscription.updated", async () => {
    const { user, customer } = await buyer();
    const { id, object } = await subscribed(user, customer);
    await deliverTwice(stripeEvent("customer.subscription.updated", { ...object, cancel_at_period_end: true },
      { previousAttributes: { cancel_at_period_end: false } }), () => subscriptionRow(id));
    expect(await subscriptionRow(id)).toMatchObject({ status: "active", cancel_at_period_end: true });
  });

  test("customer.subscription.deleted", async () => {
    const { user, customer } = await buyer();
    const { id, object } = await subscribed(user, customer);
    await deliverTwice(stripeEvent("customer.subscription.deleted", { ...object, status: "canceled", canceled_at: Math.floor(Date.now() / 1000) }), () => subscriptionRow(id));
    expect((await subscriptionRow(id)).status).toBe("canceled");
    expect(await sql`select plan_id from billing.current_plan('payloads_test', ${user})`).toHaveLength(0);
  });

  test("customer.subscription.paused", async () => {
    const { user, customer } = await buyer();
    const { id, object } = await subscribed(user, customer);
    await deliverTwice(stripeEvent("customer.subscription.paused", { ...object, status: "paused" }), () => subscriptionRow(id));
    expect((await subscriptionRow(id)).status).toBe("paused");
  });

  test("customer.subscription.resumed", async () => {
    const { user, customer } = await buyer();
    const { id, object } = await subscribed(user, customer);
    await applied(stripeEvent("customer.subscription.paused", { ...object, status: "paused" }, { created: Math.floor(Date.now() / 1000) - 30 }));
    await deliverTwice(stripeEvent("customer.subscription.resumed", { ...object, status: "active" }), () => subscriptionRow(id));
    expect((await subscriptionRow(id)).status).toBe("active");
  });

  test("customer.subscription.trial_will_end", async () => {
    const { user, customer } = await buyer();
    const id = stripeId("sub");
    const now = Math.floor(Date.now() / 1000);
    const object = stripe.subscription({ id, customer, status: "trialing", price, period: { start: now, end: now + 3 * 86400 }, trialEnd: now + 3 * 86400, metadata: ourMetadata(user, "plan", plan) });
    await deliverTwice(stripeEvent("customer.subscription.trial_will_end", object), () => notificationsOf(user, "billing.trial_will_end"));
    expect(await notificationsOf(user, "billing.trial_will_end")).toHaveLength(1);
    expect((await subscriptionRow(id)).status).toBe("trialing");
  });

  test("customer.deleted", async () => {
    const { user, customer } = await buyer();
    await applied(stripeEvent("payment_method.attached", stripe.paymentMethod({ id: stripeId("pm"), customer })));
    const state = async () => ({
      customers: (await sql`select count(*)::int as n from billing.stripe_customers where id = ${customer}`)[0].n,
      attached: (await sql`select count(*)::int as n from billing.payment_methods where user_id = ${user} and detached_at is null`)[0].n,
    });
    expect(await state()).toEqual({ customers: 1, attached: 1 });
    await deliverTwice(stripeEvent("customer.deleted", stripe.customer(customer) as unknown as StripeObject), state);
    expect(await state()).toEqual({ customers: 0, attached: 0 });
  });

  // Invoices
  test("invoice.paid", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900, billingReason: "subscription_create" });
    await deliverTwice(stripeEvent("invoice.paid", inv), () => credits(user));
    expect(await credits(user)).toBe(5000);
    expect(await payment({ invoice: inv.id as string })).toMatchObject({ status: "succeeded", stripe_payment_intent_id: null });
  });

  test("invoice_payment.paid: before or after invoice.paid, it links the payment intent", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900 });
    const paymentIntent = stripeId("pi");
    await applied(stripeEvent("invoice.paid", inv));
    await deliverTwice(stripeEvent("invoice_payment.paid", stripe.invoicePayment({ invoice: inv.id as string, paymentIntent, amount: 2900 })),
      () => payment({ invoice: inv.id as string }));
    expect((await payment({ invoice: inv.id as string })).stripe_payment_intent_id).toBe(paymentIntent);

    const early = stripe.invoice({ customer, subscription: id, amount: 2900 });
    const earlyIntent = stripeId("pi");
    await applied(stripeEvent("invoice_payment.paid", stripe.invoicePayment({ invoice: early.id as string, paymentIntent: earlyIntent, amount: 2900 })));
    await applied(stripeEvent("invoice.paid", early));
    expect((await payment({ invoice: early.id as string })).stripe_payment_intent_id).toBe(earlyIntent);
  });

  test("invoice.payment_failed", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900, status: "open" });
    await deliverTwice(stripeEvent("invoice.payment_failed", inv), async () => [await subscriptionRow(id), await notificationsOf(user, "billing.payment_failed")]);
    expect((await subscriptionRow(id)).status).toBe("past_due");
    expect(await notificationsOf(user, "billing.payment_failed")).toEqual([
      { payload: expect.objectContaining({ invoice: inv.id, amount_due: 2900, currency: "USD", hosted_invoice_url: inv.hosted_invoice_url }) },
    ]);
  });

  test("invoice.payment_action_required", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900, status: "open" });
    await deliverTwice(stripeEvent("invoice.payment_action_required", inv), () => notificationsOf(user, "billing.payment_action_required"));
    expect(await notificationsOf(user, "billing.payment_action_required")).toEqual([
      { payload: expect.objectContaining({ invoice: inv.id, hosted_invoice_url: inv.hosted_invoice_url }) },
    ]);
  });

  // Payment methods
  const methodOf = async (id: string) => (await sql`
    select brand, last4, exp_month::int, exp_year::int, detached_at is not null as detached, user_id from billing.payment_methods where id = ${id}`)[0];

  test("payment_method.attached", async () => {
    const { user, customer } = await buyer();
    const id = stripeId("pm");
    await deliverTwice(stripeEvent("payment_method.attached", stripe.paymentMethod({ id, customer })), () => methodOf(id));
    expect(await methodOf(id)).toEqual({ brand: "visa", last4: "4242", exp_month: 8, exp_year: 2030, detached: false, user_id: user });
  });

  test("payment_method.updated", async () => {
    const { customer } = await buyer();
    const id = stripeId("pm");
    await applied(stripeEvent("payment_method.attached", stripe.paymentMethod({ id, customer })));
    await deliverTwice(stripeEvent("payment_method.updated", stripe.paymentMethod({ id, customer, expMonth: 11, expYear: 2031 })), () => methodOf(id));
    expect(await methodOf(id)).toMatchObject({ exp_month: 11, exp_year: 2031, detached: false });
  });

  test("payment_method.automatically_updated", async () => {
    const { customer } = await buyer();
    const id = stripeId("pm");
    await applied(stripeEvent("payment_method.attached", stripe.paymentMethod({ id, customer })));
    await deliverTwice(stripeEvent("payment_method.automatically_updated", stripe.paymentMethod({ id, customer, last4: "0341", expYear: 2033 })), () => methodOf(id));
    expect(await methodOf(id)).toMatchObject({ last4: "0341", exp_year: 2033 });
  });

  test("payment_method.detached", async () => {
    const { customer } = await buyer();
    const id = stripeId("pm");
    await applied(stripeEvent("payment_method.attached", stripe.paymentMethod({ id, customer })));
    await deliverTwice(stripeEvent("payment_method.detached", stripe.paymentMethod({ id, customer: null })), () => methodOf(id));
    expect((await methodOf(id)).detached).toBe(true);
  });

  // Connect
  test("account.updated (a connected account's, from the Connect endpoint)", async () => {
    const { user } = await buyer();
    const account = stripeId("acct");
    await sql`select billing.register_connected_account(${account}, ${user})`;
    const state = async () => (await sql`select onboarding_complete, payouts_enabled from billing.connected_accounts where id = ${account}`)[0];
    const object = stripe.connectedAccount({ id: account, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    const event = stripeEvent("account.updated", object, { account, previousAttributes: { payouts_enabled: false } });
    await deliverTwice(event, state);
    expect(await state()).toEqual({ onboarding_complete: true, payouts_enabled: true });
    expect((await stored(event)).account).toBe(account);
  });

  test("transfer.created", async () => {
    const { user, account } = await seller("transfer-created");
    await sql`select billing.record_seller_earning(${user}, 700, 'USD', 'payloads_sale', ${`transfer-created-${run}`}, null, now() - interval '1 day')`;
    const [{ id }] = await sql<{ id: string }[]>`select id from billing.begin_payouts() where seller_id = ${user}`;
    const tr = stripe.transfer({ id: stripeId("tr"), amount: 700, destination: account, metadata: { payout_id: id } });
    await deliverTwice(stripeEvent("transfer.created", tr), () => payoutRow(id));
    expect(await payoutRow(id)).toEqual({ status: "paid", amount: 700, amount_reversed: 0 });
    expect(await violations()).toEqual([]);
  });

  test("transfer.reversed: the whole transfer puts the payout back; a later reading changes nothing", async () => {
    const { user, account, payout, transfer } = await paidPayout("reversed");
    const reversed = (amount: number) => stripe.transfer({ id: transfer, amount: 1000, amountReversed: amount, destination: account, metadata: { payout_id: payout } });
    await deliverTwice(stripeEvent("transfer.reversed", reversed(1000)), async () => [await payoutRow(payout), await earningsOf(user)]);
    expect(await payoutRow(payout)).toEqual({ status: "reversed", amount: 1000, amount_reversed: 1000 });
    expect(await earningsOf(user)).toEqual([{ source_type: "payloads_sale", amount: 1000, status: "pending" }]);
    await applied(stripeEvent("transfer.reversed", reversed(400), { created: Math.floor(Date.now() / 1000) - 3600 }));
    expect(await earningsOf(user)).toHaveLength(1);
    expect(await violations()).toEqual([]);
  });

  test("payout.paid (a connected account's bank payout; the platform's own is ignored)", async () => {
    const { user, account } = await seller("bankpaid");
    const po = stripe.payout({ amount: 1500, status: "paid" });
    await deliverTwice(stripeEvent("payout.paid", po, { account }), () => notificationsOf(user, "connect.bank_payout_paid"));
    expect(await notificationsOf(user, "connect.bank_payout_paid")).toEqual([{ payload: expect.objectContaining({ stripe_payout: po.id, amount: 1500 }) }]);
    await applied(stripeEvent("payout.paid", stripe.payout({ amount: 90000, status: "paid" })), "ignored");
  });

  test("payout.failed", async () => {
    const { user, account } = await seller("bankfail2");
    await deliverTwice(stripeEvent("payout.failed", stripe.payout({ amount: 800, status: "failed" }), { account }), () => notificationsOf(user, "connect.bank_payout_failed"));
    expect(await notificationsOf(user, "connect.bank_payout_failed")).toHaveLength(1);
  });

  test("an event of a type not handled is stored as unhandled; a connected account's charge is ignored", async () => {
    const unhandled = stripeEvent("plan.created", (fixture<StripeObject>("event").data as { object: StripeObject }).object);
    await applied(unhandled, "unhandled");
    expect(await stored(unhandled)).toMatchObject({ status: "unhandled" });
    const { user } = await buyer();
    const { paymentIntent, charge } = await paidPack(user);
    await applied(stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 999, amountRefunded: 999 }), { account: stripeId("acct") }), "ignored");
    expect(await credits(user)).toBe(1200);
  });
});

describeWithFixtures("the ledger balances after each step", () => {
  test("a partial refund, then a refund that fails (and Stripe's readings in any order)", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    const t = Math.floor(Date.now() / 1000);
    const first = stripeId("re");
    const second = stripeId("re");
    const steps: [StripeObject, number, number][] = [
      [stripeEvent("refund.created", stripe.refund({ id: first, charge, paymentIntent, amount: 333, status: "pending", created: t }), { created: t }), 800, 333],
      [stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 999, amountRefunded: 333 }), { created: t }), 800, 333],
      [stripeEvent("refund.updated", stripe.refund({ id: first, charge, paymentIntent, amount: 333, status: "succeeded", created: t }), { created: t + 5 }), 800, 333],
      [stripeEvent("refund.created", stripe.refund({ id: second, charge, paymentIntent, amount: 333, status: "pending", created: t + 10 }), { created: t + 10 }), 400, 666],
      [stripeEvent("refund.failed", stripe.refund({ id: second, charge, paymentIntent, amount: 333, status: "failed", created: t + 10 }), { created: t + 20 }), 800, 333],
      // Stripe's reading of the charge from before the failure, delivered late: counts the failed refund no more.
      [stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 999, amountRefunded: 666 }), { created: t + 10 }), 800, 333],
      [stripeEvent("charge.refund.updated", stripe.refund({ id: second, charge, paymentIntent, amount: 333, status: "failed", created: t + 10 }), { created: t + 21 }), 800, 333],
    ];
    for (const [event, balance, refunded] of steps) {
      await applied(event);
      expect([await credits(user), (await payment({ session })).amount_refunded, await violations()], event.type as string).toEqual([balance, refunded, []]);
    }
    expect((await payment({ session })).status).toBe("partially_refunded");
  });

  test("what was spent is a shortfall, and a failed refund gives back only what was taken", async () => {
    const { user } = await buyer();
    const { session, paymentIntent, charge } = await paidPack(user);
    await sql`insert into billing.priced_items (product, item_type, item_id, price) values ('payloads_test', 'tool', ${`big-${run}`}, 1000)`;
    await asUser(sql, user, (tx) => tx`select billing.spend_credits('tool', ${`big-${run}`}, ${`spend-${run}`})`);
    expect(await credits(user)).toBe(200);
    const id = stripeId("re");
    await applied(stripeEvent("refund.created", stripe.refund({ id, charge, paymentIntent, amount: 999, status: "pending" })));
    expect([await credits(user), await payment({ session })]).toMatchObject([0, { status: "refunded", refund_shortfall: 1000 }]);
    expect(await violations()).toEqual([]);
    await applied(stripeEvent("refund.failed", stripe.refund({ id, charge, paymentIntent, amount: 999, status: "failed" })));
    expect([await credits(user), await payment({ session })]).toMatchObject([200, { status: "succeeded", refund_shortfall: 0 }]);
    expect(await violations()).toEqual([]);
  });

  test("a subscription renewal paid, then refunded, then disputed and won", async () => {
    const { user, customer } = await buyer();
    const { id } = await subscribed(user, customer);
    const paymentIntent = stripeId("pi");
    const charge = stripeId("ch");
    const dp = stripeId("dp");
    const inv = stripe.invoice({ customer, subscription: id, amount: 2900, billingReason: "subscription_cycle" });
    const steps: [StripeObject, number, Record<string, unknown>][] = [
      [stripeEvent("invoice.paid", inv), 5000, { status: "succeeded" }],
      [stripeEvent("invoice_payment.paid", stripe.invoicePayment({ invoice: inv.id as string, paymentIntent, amount: 2900 })), 5000, { stripe_payment_intent_id: paymentIntent }],
      [stripeEvent("charge.refunded", stripe.charge({ id: charge, paymentIntent, amount: 2900, amountRefunded: 1450 })), 2500, { status: "partially_refunded", amount_refunded: 1450 }],
      [stripeEvent("charge.dispute.created", stripe.dispute({ id: dp, charge, paymentIntent, amount: 1450, status: "needs_response" })), 2500, { disputed: true }],
      [stripeEvent("charge.dispute.funds_withdrawn", stripe.dispute({ id: dp, charge, paymentIntent, amount: 1450, status: "needs_response" })), 2500, { disputed: true }],
      [stripeEvent("charge.dispute.closed", stripe.dispute({ id: dp, charge, paymentIntent, amount: 1450, status: "won" })), 2500, { disputed: false, amount_refunded: 1450 }],
    ];
    for (const [event, balance, row] of steps) {
      await applied(event);
      expect(await credits(user), event.type as string).toBe(balance);
      expect(await payment({ invoice: inv.id as string }), event.type as string).toMatchObject(row);
      expect(await violations(), event.type as string).toEqual([]);
    }
  });
});

describeWithFixtures("the stand-in Stripe API answers in the shapes of the fixtures", () => {
  // Fields the pinned version (2026-10-28) has that the fixtures' 2026-07-29 lacks (the SDK's types require them).
  const newerThanFixtures: Record<string, string[]> = { "checkout.session": ["allowed_payment_method_types"] };
  const calls: [string, string, Record<string, unknown>][] = [
    ["/v1/checkout/sessions", "checkout.session", { mode: "payment", customer: "cus_x", metadata: { purpose: "credit_package" },
      line_items: { 0: { quantity: "1", price_data: { currency: "usd", unit_amount: "999", product_data: { name: "Pack" } } } },
      success_url: "https://example.test/ok", cancel_url: "https://example.test/cancel" }],
    ["/v1/accounts", "account", { type: "express", email: "gm@example.test", metadata: { user_id: "u" }, capabilities: { transfers: { requested: "true" } } }],
    ["/v1/refunds", "refund", { payment_intent: "pi_x", amount: "500", metadata: { refund_request_id: "r" } }],
    ["/v1/transfers", "transfer", { amount: "4000", currency: "usd", destination: "acct_x", metadata: { payout_id: "p" }, transfer_group: "payout-p" }],
  ];

  /** Where both have an object, ours has every field the fixture has (extra ones are caught by tsc's `satisfies`). */
  function missingFields(ours: unknown, theirs: unknown, path = ""): string[] {
    if (!ours || !theirs || typeof ours !== "object" || typeof theirs !== "object" || Array.isArray(ours) || Array.isArray(theirs)) return [];
    if (/(^|\.)(metadata|capabilities)$/.test(path)) return [];
    return Object.keys(theirs).flatMap((key) => key in ours
      ? missingFields((ours as StripeObject)[key], (theirs as StripeObject)[key], path ? `${path}.${key}` : key)
      : [path ? `${path}.${key}` : key]);
  }

  for (const [path, resource, params] of calls) {
    test(`${path} answers a ${resource}`, () => {
      const ours = new StripeStandIn().answer(path, params).body as StripeObject;
      const theirs = fixture<StripeObject>(resource);
      expect(Object.keys(ours).sort()).toEqual([...Object.keys(theirs), ...(newerThanFixtures[resource] ?? [])].sort());
      expect(missingFields(ours, theirs)).toEqual([]);
      expect(ours.object).toBe(theirs.object);
    });
  }
});
