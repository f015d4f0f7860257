import type Stripe from "stripe";
import { z } from "zod";
import type { Auth } from "../_shared/auth.ts";
import { asCaller, type Sql } from "../_shared/db.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { databaseErrorToHttp, idempotencyKey, parseJsonBody, siteUrl } from "../_shared/validate.ts";
import { ensureCustomer } from "../_shared/customers.ts";

export interface CheckoutDependencies {
  sql: Sql;
  stripe: Stripe;
  auth: Auth;
  siteOrigin: string;
}

interface Offer {
  kind: "credit_package" | "wallet_top_up" | "plan" | "product";
  ref: string;
  amount: string;
  currency: string;
  name: string;
  stripe_price_id: string | null;
  stripe_customer_id: string | null;
  user_id: string | null;
  organization_id: string | null;
}

/**
 * POST (JWT): a Stripe Checkout Session for a credit package, a wallet top-up, a plan or a product.
 * What may be bought, at what price and by whom is decided by billing.prepare_checkout as the caller;
 * the webhook grants it when Stripe confirms the payment.
 */
export function createCheckoutHandler({ sql, stripe, auth, siteOrigin }: CheckoutDependencies): Handler {
  const schema = z.object({
    purpose: z.enum(["credit_package", "wallet_top_up", "plan", "product"]),
    package_id: z.string().max(60).optional(),
    plan_id: z.string().max(60).optional(),
    amount: z.number().int().positive().optional(),
    currency: z.string().regex(/^[A-Za-z]{3}$/).default("USD"),
    organization_id: z.uuid().optional(),
    product_type: z.string().max(60).optional(),
    product_ref: z.string().max(200).optional(),
    success_url: siteUrl(siteOrigin),
    cancel_url: siteUrl(siteOrigin),
  }).strict();

  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, schema);
    const key = idempotencyKey(request);
    const ref = input.package_id ?? input.plan_id ?? input.product_ref ?? null;

    const [offer] = await asCaller(sql, { ...caller.claims, role: "authenticated" }, (tx) => tx<Offer[]>`
      select * from billing.prepare_checkout(${input.purpose}, ${ref}, ${input.amount ?? null}, ${input.currency},
                                             ${input.organization_id ?? null}, ${input.product_type ?? null})`,
    ).catch(databaseErrorToHttp);

    const customer = offer.stripe_customer_id ?? await ensureCustomer({ sql, stripe }, {
      userId: offer.user_id, organizationId: offer.organization_id, email: caller.email,
    });
    const metadata = {
      purpose: offer.kind, ref: offer.ref, user_id: offer.user_id ?? "", organization_id: offer.organization_id ?? "",
      product_type: input.product_type ?? "", initiated_by: caller.userId,
    };
    const lineItem = offer.stripe_price_id
      ? { price: offer.stripe_price_id, quantity: 1 }
      : { quantity: 1, price_data: { currency: offer.currency.toLowerCase(), unit_amount: Number(offer.amount), product_data: { name: offer.name } } };
    const session = await stripe.checkout.sessions.create({
      mode: offer.kind === "plan" ? "subscription" : "payment",
      customer,
      line_items: [lineItem],
      metadata,
      ...(offer.kind === "plan" ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
      client_reference_id: caller.userId,
      success_url: input.success_url,
      cancel_url: input.cancel_url,
    }, { idempotencyKey: `checkout-${caller.userId}-${key}` });
    return json(200, { id: session.id, url: session.url });
  });
}
