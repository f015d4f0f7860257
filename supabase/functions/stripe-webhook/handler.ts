import type Stripe from "stripe";
import type { Sql } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { webCrypto } from "../_shared/stripe.ts";

export interface StripeWebhookDependencies {
  sql: Sql;
  stripe: Stripe;
  webhookSecret: string;
}

/** Stripe's default: a signed timestamp older than five minutes is refused (replay protection). */
const toleranceSeconds = 300;

/**
 * POST from Stripe: verifies the signature on the raw body, then applies the event in one database
 * transaction (billing.handle_stripe_event). A repeated event answers 200 and changes nothing; a
 * failure is recorded and answered 500 so that Stripe retries it.
 */
export function createStripeWebhookHandler({ sql, stripe, webhookSecret }: StripeWebhookDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const signature = request.headers.get("stripe-signature");
    if (!signature) throw new HttpError(400, "missing_signature", "the Stripe-Signature header is required");
    const body = await request.text();
    let event: Stripe.Event;
    try {
      event = await stripe.webhooks.constructEventAsync(body, signature, webhookSecret, toleranceSeconds, webCrypto);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "the signature does not verify";
      await sql`select audit.record_security_event(null, 'stripe.invalid_signature', 'medium', ${"a webhook call whose Stripe signature does not verify"},
                 ${sql.json({ reason, user_agent: request.headers.get("user-agent") })})`;
      throw new HttpError(400, "invalid_signature", reason);
    }
    const payload = event as unknown as Parameters<typeof sql.json>[0];
    try {
      const [{ outcome }] = await sql<{ outcome: string }[]>`select billing.handle_stripe_event(${sql.json(payload)}) as outcome`;
      return json(200, { received: true, outcome });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`stripe-webhook: ${event.id} (${event.type}) failed: ${message}`);
      await sql`select billing.record_stripe_event_failure(${event.id}, ${event.type}, ${sql.json(payload)}, ${message})`;
      throw new HttpError(500, "event_failed", "the event could not be applied; Stripe will retry it");
    }
  });
}
