// Stripe-written objects (../shared/stripe-fixtures, see its SOURCES.txt) as the webhook tests'
// events: a fixture of the resource, with the ids and amounts a test needs wired in, inside the
// event envelope Stripe sends, signed with the SDK's test-header helper.
//
// The fixtures live beside the repository (CI has ../shared next to the clone). Where they are
// absent the fixture tests are skipped with a warning, except on CI (CI or STRIPE_FIXTURES_REQUIRED
// set), where their absence fails.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Stripe from "stripe";
import { describe, test } from "vitest";
import { repoRoot } from "../scripts/lib/process.ts";
import { stripeApiVersion } from "../supabase/functions/_shared/stripe.ts";

export const fixturesDir = resolve(repoRoot, "../shared/stripe-fixtures");
export const fixturesPresent = existsSync(resolve(fixturesDir, "SOURCES.txt"));
const required = Boolean(process.env.CI || process.env.STRIPE_FIXTURES_REQUIRED);

/** describe() that needs the fixtures: skipped (and said so) without them, failing on CI. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (fixturesPresent) {
    describe(name, body);
  } else if (required) {
    describe(name, () => {
      test(`${fixturesDir} is there (CI has ../shared beside the clone)`, () => {
        throw new Error(`the Stripe fixtures are missing: ${fixturesDir}`);
      });
    });
  } else {
    console.warn(`stripe fixture tests skipped: ${fixturesDir} is absent`);
    describe.skip(name, body);
  }
}

/** The OpenAPI fixture versions: basil-and-later shapes (2026-07-29.dahlia) and, for comparison, acacia's. */
export type FixtureVersion = "openapi-2026-07-29" | "openapi-2025-02-14";

/** A fresh copy of Stripe's fixture of a resource (e.g. "invoice", "checkout.session"). */
export function fixture<T = Record<string, unknown>>(resource: string, version: FixtureVersion = "openapi-2026-07-29"): T {
  return JSON.parse(readFileSync(resolve(fixturesDir, version, `${resource}.json`), "utf8")) as T;
}

/** The API calls `stripe trigger <event>` makes (stripe-cli's trigger fixtures). */
export function trigger(event: string): { fixtures: { name: string; path: string; method: string; params?: Record<string, unknown> }[] } {
  return JSON.parse(readFileSync(resolve(fixturesDir, "stripe-cli-triggers", `${event}.json`), "utf8"));
}

export type StripeObject = Record<string, unknown>;

let sequence = 0;
const run = Date.now().toString(36);

/** A unique Stripe-looking id with this prefix (ids of one run never collide with another's). */
export function stripeId(prefix: string): string {
  return `${prefix}_${run}${(++sequence).toString(36).padStart(4, "0")}`;
}

export interface EventOptions {
  /** The version the event is rendered in; the pinned one unless a test says otherwise. */
  apiVersion?: string | null;
  /** Set for a connected account's event (the Connect endpoint). */
  account?: string;
  created?: number;
  id?: string;
  previousAttributes?: StripeObject;
}

/** An event as Stripe delivers it to a webhook endpoint: the fixture's envelope around an object. */
export function stripeEvent(type: string, object: StripeObject, options: EventOptions = {}): StripeObject {
  const envelope = fixture<StripeObject>("event");
  return {
    ...envelope,
    id: options.id ?? stripeId("evt"),
    type,
    api_version: options.apiVersion === undefined ? stripeApiVersion : options.apiVersion,
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: stripeId("req"), idempotency_key: null },
    ...(options.account ? { account: options.account } : {}),
    data: { object, ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}) },
  };
}

/** A POST as Stripe makes it: the raw JSON body with a valid Stripe-Signature (the SDK's test helper). */
export function signedRequest(body: string | StripeObject, secret: string): Request {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request("http://local/stripe-webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" } });
}

// The resources, from their fixtures, with what a test wires in. ------------------------------------

type Period = { start: number; end: number };

export function checkoutSession(wire: {
  id?: string; mode?: "payment" | "subscription"; paymentStatus?: "paid" | "unpaid" | "no_payment_required"; status?: "open" | "complete" | "expired";
  amount: number; currency?: string; paymentIntent?: string | null; customer?: string | null; metadata?: Record<string, string>;
  paymentLink?: string | null; subscription?: string | null;
}): StripeObject {
  const session = fixture("checkout.session");
  return {
    ...session, id: wire.id ?? stripeId("cs_test"), mode: wire.mode ?? "payment", payment_status: wire.paymentStatus ?? "paid",
    status: wire.status ?? "complete", amount_subtotal: wire.amount, amount_total: wire.amount, currency: wire.currency ?? "usd",
    payment_intent: wire.paymentIntent === undefined ? stripeId("pi") : wire.paymentIntent, customer: wire.customer ?? null,
    metadata: wire.metadata ?? {}, payment_link: wire.paymentLink ?? null, subscription: wire.subscription ?? null,
    // The fixture's conversion and shipping figures are placeholders: no conversion, no shipping here.
    currency_conversion: null, shipping_cost: null, total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
  };
}

/** A subscription as basil sends it: the period is on the items. */
export function subscription(wire: {
  id: string; customer: string; status: string; price: string; period: Period; metadata?: Record<string, string>;
  cancelAtPeriodEnd?: boolean; canceledAt?: number | null; trialEnd?: number | null;
}): StripeObject {
  const sub = fixture("subscription");
  const [item] = (sub.items as { data: StripeObject[] }).data;
  return {
    ...sub, id: wire.id, customer: wire.customer, status: wire.status, metadata: wire.metadata ?? {},
    cancel_at_period_end: wire.cancelAtPeriodEnd ?? false, cancel_at: null, canceled_at: wire.canceledAt ?? null,
    ended_at: wire.status === "canceled" ? wire.canceledAt ?? null : null,
    trial_start: wire.trialEnd ? wire.period.start : null, trial_end: wire.trialEnd ?? null,
    pause_collection: wire.status === "paused" ? { behavior: "void", resumes_at: null } : null, pending_update: null, transfer_data: null,
    items: {
      ...(sub.items as object),
      data: [{
        ...item, subscription: wire.id, current_period_start: wire.period.start, current_period_end: wire.period.end,
        price: { ...(item.price as object), id: wire.price },
      }],
    },
  };
}

/** The same subscription as acacia (2025-01-27) sends it: the period on the subscription itself. */
export function acaciaSubscription(wire: { id: string; customer: string; status: string; price: string; period: Period; metadata?: Record<string, string> }): StripeObject {
  const sub = fixture("subscription", "openapi-2025-02-14");
  const [item] = (sub.items as { data: StripeObject[] }).data;
  return {
    ...sub, id: wire.id, customer: wire.customer, status: wire.status, metadata: wire.metadata ?? {}, cancel_at_period_end: false,
    cancel_at: null, canceled_at: null, ended_at: null, trial_start: null, trial_end: null,
    current_period_start: wire.period.start, current_period_end: wire.period.end,
    items: { ...(sub.items as object), data: [{ ...item, subscription: wire.id, price: { ...(item.price as object), id: wire.price } }] },
  };
}

/** An invoice as basil sends it: the subscription under parent, no payment intent (invoice_payment.paid links it). */
export function invoice(wire: {
  id?: string; customer: string; subscription: string | null; amount: number; status?: "paid" | "open";
  billingReason?: string; hostedInvoiceUrl?: string;
}): StripeObject {
  const inv = fixture("invoice");
  const paid = (wire.status ?? "paid") === "paid";
  return {
    ...inv, id: wire.id ?? stripeId("in"), customer: wire.customer, status: wire.status ?? "paid",
    billing_reason: wire.billingReason ?? (wire.subscription ? "subscription_cycle" : "manual"),
    amount_due: wire.amount, amount_paid: paid ? wire.amount : 0, amount_remaining: paid ? 0 : wire.amount, amount_overpaid: 0,
    subtotal: wire.amount, total: wire.amount, subtotal_excluding_tax: wire.amount, total_excluding_tax: wire.amount,
    attempted: true, attempt_count: 1, hosted_invoice_url: wire.hostedInvoiceUrl ?? `https://invoice.stripe.test/i/${wire.customer}`,
    last_finalization_error: null, from_invoice: null, shipping_cost: null,
    parent: wire.subscription
      ? { type: "subscription_details", quote_details: null, subscription_details: { metadata: {}, subscription: wire.subscription } }
      : null,
  };
}

/** The same invoice as acacia sends it: subscription and payment_intent on the invoice. */
export function acaciaInvoice(wire: { id?: string; customer: string; subscription: string; amount: number; paymentIntent: string }): StripeObject {
  const inv = fixture("invoice", "openapi-2025-02-14");
  return {
    ...inv, id: wire.id ?? stripeId("in"), customer: wire.customer, status: "paid", paid: true, billing_reason: "subscription_cycle",
    amount_due: wire.amount, amount_paid: wire.amount, amount_remaining: 0, subtotal: wire.amount, total: wire.amount,
    subscription: wire.subscription, payment_intent: wire.paymentIntent, charge: stripeId("ch"),
    subscription_details: { metadata: {} },
  };
}

export function invoicePayment(wire: { invoice: string; paymentIntent: string; amount: number; status?: string }): StripeObject {
  const ip = fixture("invoice_payment");
  return {
    ...ip, id: stripeId("inpay"), invoice: wire.invoice, amount_paid: wire.amount, amount_requested: wire.amount, currency: "usd",
    livemode: false, is_default: true, status: wire.status ?? "paid", created: Math.floor(Date.now() / 1000),
    payment: { type: "payment_intent", payment_intent: wire.paymentIntent },
    status_transitions: { canceled_at: null, paid_at: Math.floor(Date.now() / 1000) },
  };
}

export function charge(wire: { id?: string; paymentIntent: string; amount: number; amountRefunded?: number }): StripeObject {
  const ch = fixture("charge");
  const refunded = wire.amountRefunded ?? 0;
  return {
    ...ch, id: wire.id ?? stripeId("ch"), payment_intent: wire.paymentIntent, amount: wire.amount, amount_captured: wire.amount,
    captured: true, amount_refunded: refunded, refunded: refunded >= wire.amount, source: null, transfer_data: null,
  };
}

export function refund(wire: { id?: string; charge: string; paymentIntent: string; amount: number; status: string; created?: number; failureReason?: string }): StripeObject {
  const re = fixture("refund");
  return {
    ...re, id: wire.id ?? stripeId("re"), charge: wire.charge, payment_intent: wire.paymentIntent, amount: wire.amount, status: wire.status,
    created: wire.created ?? Math.floor(Date.now() / 1000),
    ...(wire.status === "failed" ? { failure_reason: wire.failureReason ?? "expired_or_canceled_card", failure_balance_transaction: stripeId("txn") } : {}),
  };
}

export function dispute(wire: { id: string; charge: string; paymentIntent: string; amount: number; status: string }): StripeObject {
  const dp = fixture("dispute");
  return { ...dp, id: wire.id, charge: wire.charge, payment_intent: wire.paymentIntent, amount: wire.amount, status: wire.status };
}

export function paymentIntent(wire: { id: string; amount: number; status: string; customer?: string | null }): StripeObject {
  const pi = fixture("payment_intent");
  return {
    ...pi, id: wire.id, amount: wire.amount, amount_received: wire.status === "succeeded" ? wire.amount : 0, status: wire.status,
    customer: wire.customer ?? null, canceled_at: null, transfer_data: null, next_action: null,
    last_payment_error: wire.status === "requires_payment_method" ? { type: "card_error", code: "card_declined", decline_code: "generic_decline" } : null,
  };
}

export function paymentMethod(wire: { id: string; customer: string | null; brand?: string; last4?: string; expMonth?: number; expYear?: number }): StripeObject {
  const pm = fixture("payment_method");
  const card = pm.card as StripeObject;
  return {
    ...pm, id: wire.id, customer: wire.customer, metadata: {},
    card: { ...card, brand: wire.brand ?? card.brand, last4: wire.last4 ?? card.last4, exp_month: wire.expMonth ?? card.exp_month, exp_year: wire.expYear ?? card.exp_year },
  };
}

export function connectedAccount(wire: { id: string; chargesEnabled: boolean; payoutsEnabled: boolean; detailsSubmitted: boolean }): StripeObject {
  const acct = fixture("account");
  return {
    ...acct, id: wire.id, type: "express", charges_enabled: wire.chargesEnabled, payouts_enabled: wire.payoutsEnabled,
    details_submitted: wire.detailsSubmitted,
  };
}

export function transfer(wire: { id: string; amount: number; amountReversed?: number; destination: string; metadata?: Record<string, string> }): StripeObject {
  const tr = fixture("transfer");
  const reversed = wire.amountReversed ?? 0;
  return {
    ...tr, id: wire.id, amount: wire.amount, amount_reversed: reversed, reversed: reversed >= wire.amount, destination: wire.destination,
    metadata: wire.metadata ?? {},
    reversals: {
      ...(tr.reversals as object),
      data: reversed > 0 ? [{ id: stripeId("trr"), object: "transfer_reversal", amount: reversed, currency: "usd", transfer: wire.id }] : [],
      url: `/v1/transfers/${wire.id}/reversals`,
    },
  };
}

export function payout(wire: { id?: string; amount: number; status: "paid" | "failed"; failureCode?: string; failureMessage?: string }): StripeObject {
  const po = fixture("payout");
  return {
    ...po, id: wire.id ?? stripeId("po"), amount: wire.amount, status: wire.status, automatic: true, metadata: {},
    failure_code: wire.status === "failed" ? wire.failureCode ?? "account_closed" : null,
    failure_message: wire.status === "failed" ? wire.failureMessage ?? "The bank account has been closed." : null,
  };
}

/** No fixture of these in ../shared: typed with the SDK's types of the pinned version instead. */
export function customer(id: string): Stripe.Customer {
  return {
    id, object: "customer", address: null, balance: 0, created: Math.floor(Date.now() / 1000), currency: "usd", customer_account: null,
    default_source: null, delinquent: false, description: null, discount: null, email: "deleted@example.com", invoice_prefix: "DELETED1",
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: {}, name: null, next_invoice_sequence: 2, phone: null, preferred_locales: [], shipping: null,
    tax_exempt: "none", test_clock: null,
  };
}

export function earlyFraudWarning(wire: { id?: string; charge: string; paymentIntent: string }): Stripe.Radar.EarlyFraudWarning {
  return {
    id: wire.id ?? stripeId("issfr"), object: "radar.early_fraud_warning", actionable: true, charge: wire.charge,
    created: Math.floor(Date.now() / 1000), fraud_type: "made_with_stolen_card", livemode: false, payment_intent: wire.paymentIntent,
  };
}
