import { z } from "zod";
import type { StripeFunctionDependencies } from "../_shared/dependencies.ts";
import { asCaller } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { idempotencyKey, parseJsonBody, siteUrl } from "../_shared/validate.ts";

/** POST (JWT): a Stripe customer portal URL for the caller, or for an organization they own or administer. */
export function createBillingPortalHandler({ sql, stripe, auth, siteOrigin }: StripeFunctionDependencies): Handler {
  const schema = z.object({ return_url: siteUrl(siteOrigin), organization_id: z.uuid().optional() }).strict();
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, schema);
    // Read as the caller: RLS shows a customer only to its user or the organization's owner and admins.
    const [customer] = await asCaller(sql, { ...caller.claims, role: "authenticated" }, (tx) => tx<{ id: string }[]>`
      select id from billing.stripe_customers
       where ${input.organization_id ?? null}::uuid is null and user_id = ${caller.userId}
          or organization_id = ${input.organization_id ?? null}::uuid`);
    if (!customer) throw new HttpError(404, "no_customer", "no Stripe customer yet: buy something first");
    const session = await stripe.billingPortal.sessions.create(
      { customer: customer.id, return_url: input.return_url },
      { idempotencyKey: `portal-${caller.userId}-${idempotencyKey(request)}` },
    );
    return json(200, { url: session.url });
  });
}
