import Stripe from "stripe";
import type { StripeFunctionDependencies } from "../_shared/dependencies.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";

interface PendingPayout {
  id: string;
  connected_account_id: string;
  amount: string;
  currency: string;
}

/**
 * POST (service_role key, or the scheduler): pays sellers. Step one claims the due earnings into
 * pending payouts in the database; step two makes one Stripe transfer per pending payout, keyed by
 * the payout's id, and records it. Runs at once, or a rerun after a crash between Stripe's answer and
 * our commit, make the same transfer call with the same key: Stripe answers with the one transfer.
 */
export function createPayoutsHandler({ sql, stripe, auth }: Pick<StripeFunctionDependencies, "sql" | "stripe" | "auth">): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    await auth.serviceRole(request);
    await sql`select count(*) from billing.begin_payouts()`;
    const pending = await sql<PendingPayout[]>`
      select id, connected_account_id, amount, currency from billing.payouts where status = 'pending' order by created_at`;
    const outcome = { paid: 0, failed: 0, retry_later: 0 };
    for (const payout of pending) {
      let transfer: Stripe.Transfer;
      try {
        transfer = await stripe.transfers.create({
          amount: Number(payout.amount), currency: payout.currency.toLowerCase(), destination: payout.connected_account_id,
          metadata: { payout_id: payout.id }, transfer_group: `payout-${payout.id}`,
        }, { idempotencyKey: `payout-${payout.id}` });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripePermissionError) {
          // Stripe refused it for good: the earnings are due again at the next run.
          await sql`select billing.put_back_payout(${payout.id}, 'failed', ${error.message})`;
          outcome.failed++;
        } else {
          console.error(`payouts: ${payout.id} stays pending:`, error instanceof Error ? error.message : error);
          outcome.retry_later++;
        }
        continue;
      }
      await sql`select billing.complete_payout(${payout.id}, ${transfer.id})`;
      outcome.paid++;
    }
    return json(200, outcome);
  });
}
