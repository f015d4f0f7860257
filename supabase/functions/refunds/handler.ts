import Stripe from "stripe";
import type { StripeFunctionDependencies } from "../_shared/dependencies.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";

interface PendingRefund {
  id: string;
  amount: string;
  stripe_payment_intent_id: string | null;
}

/**
 * POST (service_role key, or the scheduler): sends the refunds the products queued
 * (billing.refund_requests) to Stripe, each keyed by its request id so that a rerun refunds once.
 * Stripe's charge.refunded event then applies the refund to the books.
 */
export function createRefundsHandler({ sql, stripe, auth }: Pick<StripeFunctionDependencies, "sql" | "stripe" | "auth">): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    await auth.serviceRole(request);
    const pending = await sql<PendingRefund[]>`
      select r.id, r.amount, p.stripe_payment_intent_id from billing.refund_requests r join billing.payments p on p.id = r.payment_id
       where r.status = 'pending' order by r.created_at`;
    const outcome = { sent: 0, failed: 0, retry_later: 0 };
    for (const refund of pending) {
      if (!refund.stripe_payment_intent_id) {
        await sql`select billing.finish_refund_request(${refund.id}, null, 'the payment has no Stripe payment intent')`;
        outcome.failed++;
        continue;
      }
      try {
        const created = await stripe.refunds.create(
          { payment_intent: refund.stripe_payment_intent_id, amount: Number(refund.amount), metadata: { refund_request_id: refund.id } },
          { idempotencyKey: `refund-${refund.id}` },
        );
        await sql`select billing.finish_refund_request(${refund.id}, ${created.id})`;
        outcome.sent++;
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          await sql`select billing.finish_refund_request(${refund.id}, null, ${error.message})`;
          outcome.failed++;
        } else {
          console.error(`refunds: ${refund.id} stays pending:`, error instanceof Error ? error.message : error);
          outcome.retry_later++;
        }
      }
    }
    return json(200, outcome);
  });
}
