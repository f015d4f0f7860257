// A small local stand-in for the parts of Stripe's HTTP API our functions call (Stripe is not
// reachable here). It speaks Stripe's wire format (form-encoded bodies, JSON answers, Stripe errors),
// honours Idempotency-Key as Stripe does (the same key answers with the first response), and
// records every request so that tests can check what was sent.
//
// Its answers are the objects of the pinned API version (stripeApiVersion): each is typed with the
// SDK's own type of that version (`satisfies`, so tsc fails on a missing or unknown field), and
// tests/functions/stripe-payloads.test.ts compares their fields with the OpenAPI fixtures of
// ../shared/stripe-fixtures.
import { createServer, type Server } from "node:http";
import type Stripe from "stripe";
import { freePort } from "../scripts/lib/cluster.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  /** The Stripe-Version header the SDK sent (the pinned API version). */
  stripeVersion: string | undefined;
  params: Record<string, unknown>;
}

/** `a[b][0][c]=1` form fields as nested objects (Stripe's encoding). */
function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node = root as Record<string, unknown>;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

type Params = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const metadataOf = (params: Params): Stripe.Metadata => (params.metadata ?? {}) as Stripe.Metadata;
const now = () => Math.floor(Date.now() / 1000);

function customer(id: string, params: Params) {
  return {
    id, object: "customer", address: null, balance: 0, created: now(), currency: null, customer_account: null, default_source: null,
    delinquent: false, description: text(params.description), discount: null, email: text(params.email),
    invoice_prefix: id.slice(-8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: metadataOf(params), name: text(params.name), next_invoice_sequence: 1, phone: null,
    preferred_locales: [], shipping: null, tax_exempt: "none", test_clock: null,
  } satisfies Stripe.Customer;
}

/** A hosted Checkout Session as created (open, unpaid; its payment intent comes when it is paid). */
function checkoutSession(id: string, params: Params) {
  const items = Object.values((params.line_items ?? {}) as Record<string, { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }>);
  const priced = items.every((item) => item.price_data?.unit_amount !== undefined);
  const total = priced ? items.reduce((sum, item) => sum + Number(item.price_data!.unit_amount) * Number(item.quantity ?? 1), 0) : null;
  const mode = (params.mode ?? "payment") as Stripe.Checkout.Session.Mode;
  const created = now();
  return {
    id, object: "checkout.session", adaptive_pricing: { enabled: false }, after_expiration: null, allow_promotion_codes: null,
    allowed_payment_method_types: null, amount_subtotal: total, amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null, cancel_url: text(params.cancel_url), client_reference_id: text(params.client_reference_id),
    client_secret: null, collected_information: null, consent: null, consent_collection: null, created,
    currency: items[0]?.price_data?.currency ?? (priced ? null : "usd"), currency_conversion: null, custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: text(params.customer), customer_account: null, customer_creation: params.customer ? null : "if_required",
    customer_details: null, customer_email: text(params.customer_email), discounts: [], expires_at: created + 24 * 3600,
    integration_identifier: null, invoice: null,
    invoice_creation: mode === "payment"
      ? { enabled: false, invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null } }
      : null,
    livemode: false, locale: null, managed_payments: null, metadata: metadataOf(params), mode, origin_context: null,
    payment_intent: null, payment_link: null, payment_method_collection: mode === "subscription" ? "always" : null,
    payment_method_configuration_details: null, payment_method_options: {}, payment_method_types: ["card"],
    payment_status: "unpaid", permissions: null, phone_number_collection: { enabled: false }, recovered_from: null,
    saved_payment_method_options: null, setup_intent: null, shipping_address_collection: null, shipping_cost: null, shipping_options: [],
    status: "open", submit_type: null, subscription: null, success_url: text(params.success_url),
    total_details: total === null ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 }, ui_mode: "hosted_page",
    url: `https://checkout.stripe.test/c/pay/${id}`, wallet_options: null,
  } satisfies Stripe.Checkout.Session;
}

function portalSession(id: string, params: Params) {
  return {
    id, object: "billing_portal.session", configuration: "bpc_standin_default", created: now(), customer: String(params.customer),
    customer_account: null, flow: null, livemode: false, locale: null, on_behalf_of: null, return_url: text(params.return_url),
    url: `https://billing.stripe.test/p/session/${id}`,
  } satisfies Stripe.BillingPortal.Session;
}

/** An Express account as created: nothing submitted yet, so no charges or payouts. */
function account(id: string, params: Params) {
  const requested = Object.keys((params.capabilities ?? {}) as object);
  const due = ["business_type", "external_account", "tos_acceptance.date", "tos_acceptance.ip"];
  const requirements = { alternatives: [], current_deadline: null, currently_due: due, disabled_reason: "requirements.past_due" as const, errors: [], eventually_due: due, past_due: due, pending_verification: [] };
  return {
    id, object: "account",
    business_profile: { annual_revenue: null, estimated_worker_count: null, mcc: null, minority_owned_business_designation: null, name: null,
      product_description: null, specified_commercial_transactions_act_url: null, support_address: null, support_email: null, support_phone: null,
      support_url: null, url: null },
    business_type: null, capabilities: Object.fromEntries(requested.map((name) => [name, "inactive"])) as Stripe.Account.Capabilities,
    charges_enabled: false, controller: { fees: { payer: "application" }, is_controller: true, losses: { payments: "application" },
      requirement_collection: "stripe", stripe_dashboard: { type: "express" }, type: "application" },
    country: "US", created: now(), default_currency: "usd", details_submitted: false, email: text(params.email),
    external_accounts: { object: "list", data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: { alternatives: [], current_deadline: null, currently_due: [], disabled_reason: null, errors: [], eventually_due: [], past_due: [], pending_verification: [] },
    metadata: metadataOf(params), payouts_enabled: false, requirements,
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: { decline_on: { avs_failure: false, cvc_failure: false }, statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      dashboard: { display_name: null, timezone: "Etc/UTC" },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: null },
      payments: { statement_descriptor: null, statement_descriptor_kana: null, statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      payouts: { debit_negative_balances: true, schedule: { delay_days: 2, interval: "daily" }, statement_descriptor: null },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: null, ip: null, user_agent: null }, type: "express",
  } satisfies Stripe.Account;
}

function accountLink(params: Params) {
  const created = now();
  return {
    object: "account_link", created, expires_at: created + 300,
    url: `https://connect.stripe.test/setup/e/${String(params.account)}/${Math.random().toString(36).slice(2, 14)}`,
  } satisfies Stripe.AccountLink;
}

/** A card refund as created: pending until the card network confirms it. */
function refund(id: string, params: Params, charge: string) {
  return {
    id, object: "refund", amount: Number(params.amount), balance_transaction: null, charge, created: now(), currency: "usd",
    customer: null, customer_account: null, destination_details: { card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" },
    metadata: metadataOf(params), payment_intent: text(params.payment_intent), payment_method: null, reason: null, receipt_number: null,
    source_transfer_reversal: null, status: "pending", transfer_reversal: null,
  } satisfies Stripe.Refund;
}

function transfer(id: string, params: Params) {
  return {
    id, object: "transfer", amount: Number(params.amount), amount_reversed: 0, balance_transaction: `txn_${id.slice(3)}`, created: now(),
    currency: String(params.currency), description: null, destination: String(params.destination), destination_payment: `py_${id.slice(3)}`,
    livemode: false, metadata: metadataOf(params),
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false, source_transaction: null, source_type: "card", transfer_group: text(params.transfer_group),
  } satisfies Stripe.Transfer;
}

export class StripeStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly responses = new Map<string, { status: number; body: unknown }>();
  private readonly failures = new Map<string, number>();
  private counter = 0;
  // Ids are unique across stand-ins too: the tests of one run share a database.
  private readonly prefix = Math.random().toString(36).slice(2, 8);
  private server?: Server;
  url = "";

  /** The next request to this path answers with a Stripe error of this status. */
  failNext(path: string, status: number): void {
    this.failures.set(path, status);
  }

  created(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && r.path === path);
  }

  async start(): Promise<this> {
    const port = await freePort(55700);
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const path = (request.url ?? "").split("?")[0];
        const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
        const stripeVersion = request.headers["stripe-version"] as string | undefined;
        this.requests.push({ method: request.method ?? "", path, idempotencyKey, stripeVersion, params: parseForm(body) });
        const replay = idempotencyKey ? this.responses.get(`${path} ${idempotencyKey}`) : undefined;
        const answer = replay ?? this.answer(path, parseForm(body));
        if (idempotencyKey && !replay) this.responses.set(`${path} ${idempotencyKey}`, answer);
        response.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${this.counter}` });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What the stand-in answers to a POST of these params to this path (its objects, for shape checks). */
  answer(path: string, params: Record<string, unknown>): { status: number; body: unknown } {
    const failure = this.failures.get(path);
    if (failure) {
      this.failures.delete(path);
      const type = failure >= 500 ? "api_error" : "invalid_request_error";
      return { status: failure, body: { error: { type, message: "refused by the stand-in", request_log_url: `https://dashboard.stripe.test/logs/req_${this.counter}` } } };
    }
    const id = `${this.prefix}${++this.counter}`;
    switch (path) {
      case "/v1/customers":
        return { status: 200, body: customer(`cus_standin${id}`, params) };
      case "/v1/checkout/sessions":
        return { status: 200, body: checkoutSession(`cs_test_standin${id}`, params) };
      case "/v1/billing_portal/sessions":
        return { status: 200, body: portalSession(`bps_standin${id}`, params) };
      case "/v1/accounts":
        return { status: 200, body: account(`acct_standin${id}`, params) };
      case "/v1/account_links":
        return { status: 200, body: accountLink(params) };
      case "/v1/refunds":
        return { status: 200, body: refund(`re_standin${id}`, params, `ch_standin${id}`) };
      case "/v1/transfers":
        return { status: 200, body: transfer(`tr_standin${id}`, params) };
      default:
        return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (POST: ${path}).` } } };
    }
  }
}
