import type Stripe from "stripe";
import type { Sql } from "./db.ts";

/**
 * The Stripe customer of a user or an organization: created once (the idempotency key is the owner,
 * so a retry or a race makes no second customer) and recorded in billing.stripe_customers.
 */
export async function ensureCustomer(
  { sql, stripe }: { sql: Sql; stripe: Stripe },
  owner: { userId: string | null; organizationId: string | null; email?: string },
): Promise<string> {
  const ownerKey = owner.organizationId ? `organization-${owner.organizationId}` : `user-${owner.userId}`;
  const customer = await stripe.customers.create({
    email: owner.email,
    metadata: { user_id: owner.userId ?? "", organization_id: owner.organizationId ?? "" },
  }, { idempotencyKey: `customer-${ownerKey}` });
  await sql`select billing.register_stripe_customer(${customer.id}, ${owner.userId}, ${owner.organizationId}, ${owner.email ?? null})`;
  return customer.id;
}
