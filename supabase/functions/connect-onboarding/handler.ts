import { z } from "zod";
import type { StripeFunctionDependencies } from "../_shared/dependencies.ts";
import { requireActiveUser } from "../_shared/db.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { idempotencyKey, parseJsonBody, siteUrl } from "../_shared/validate.ts";

/**
 * POST (JWT): the caller's Stripe Connect Express account (created once) and an onboarding link.
 * Whether payouts are enabled arrives later through account.updated.
 */
export function createConnectOnboardingHandler({ sql, stripe, auth, siteOrigin }: StripeFunctionDependencies): Handler {
  const schema = z.object({ return_url: siteUrl(siteOrigin), refresh_url: siteUrl(siteOrigin) }).strict();
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, schema);
    await requireActiveUser(sql, caller.userId);
    let [account] = await sql<{ id: string }[]>`select id from billing.connected_accounts where user_id = ${caller.userId}`;
    if (!account) {
      const created = await stripe.accounts.create({
        type: "express", email: caller.email, metadata: { user_id: caller.userId },
        capabilities: { transfers: { requested: true } },
      }, { idempotencyKey: `connect-account-${caller.userId}` });
      [account] = await sql<{ id: string }[]>`select id from billing.register_connected_account(${created.id}, ${caller.userId})`;
    }
    const link = await stripe.accountLinks.create(
      { account: account.id, type: "account_onboarding", return_url: input.return_url, refresh_url: input.refresh_url },
      { idempotencyKey: `connect-link-${caller.userId}-${idempotencyKey(request)}` },
    );
    return json(200, { account_id: account.id, url: link.url });
  });
}
