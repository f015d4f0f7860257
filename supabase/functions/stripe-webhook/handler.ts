import type Stripe from "stripe";
import type { Sql } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { stripeApiVersion, webCrypto } from "../_shared/stripe.ts";

export interface StripeWebhookDependencies {
  sql: Sql;
  stripe: Stripe;
  /**
   * The signing secrets of the endpoints that deliver here: the account's endpoint and, when set up,
   * the Connect endpoint (each Stripe endpoint signs with its own). An event verifies with any one.
   */
  webhookSecret: string | string[];
}

/** Stripe's default: a signed timestamp older than five minutes is refused (replay protection). */
const toleranceSeconds = 300;

/** A snapshot event as Stripe sends it to a webhook endpoint (what billing.handle_stripe_event reads). */
interface SnapshotEvent {
  id: string;
  object: "event";
  type: string;
  api_version: string | null;
  account?: string;
  data: { object: Record<string, unknown> };
}

function isSnapshotEvent(value: unknown): value is SnapshotEvent {
  const event = value as Partial<SnapshotEvent> | null;
  return typeof event === "object" && event !== null && event.object === "event" && typeof event.id === "string" &&
    event.id.startsWith("evt_") && typeof event.type === "string" && typeof event.data?.object === "object" && event.data.object !== null;
}

/** true when the Stripe-Signature verifies with one of the secrets (and is recent), else why not. */
async function verifySignature(stripe: Stripe, body: string, header: string, secrets: string[]): Promise<true | string> {
  const helper = stripe.webhooks.signature;
  if (!helper) throw new Error("the Stripe SDK has no signature helper");
  let reason = "the signature does not verify";
  for (const secret of secrets) {
    try {
      await helper.verifyHeaderAsync(body, header, secret, toleranceSeconds, webCrypto);
      return true;
    } catch (error) {
      if (secret === secrets[0] && error instanceof Error) reason = error.message;
    }
  }
  return reason;
}

/**
 * POST from Stripe: verifies the signature on the raw body, then applies the event in one database
 * transaction (billing.handle_stripe_event). A repeated event answers 200 and changes nothing; a
 * failure, or an event of an API version the handler does not read, is recorded and answered 500 so
 * that Stripe retries it. Only a signature that does not verify is a security event: a signed body
 * that is not a snapshot event (not JSON, or a thin event notification of an event destination) is
 * Stripe's or our configuration's mistake, answered 400 and logged.
 */
export function createStripeWebhookHandler({ sql, stripe, webhookSecret }: StripeWebhookDependencies): Handler {
  const secrets = [webhookSecret].flat();
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const signature = request.headers.get("stripe-signature");
    if (!signature) throw new HttpError(400, "missing_signature", "the Stripe-Signature header is required");
    const body = await request.text();
    const verified = await verifySignature(stripe, body, signature, secrets);
    if (verified !== true) {
      const reason = verified;
      await sql`select audit.record_security_event(null, 'stripe.invalid_signature', 'medium', ${"a webhook call whose Stripe signature does not verify"},
                 ${sql.json({ reason, user_agent: request.headers.get("user-agent") })})`;
      throw new HttpError(400, "invalid_signature", reason);
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      console.error(`stripe-webhook: a signed body that is not JSON (${body.length} bytes) was refused`);
      throw new HttpError(400, "invalid_payload", "the body is not a JSON Stripe event");
    }
    if ((parsed as { object?: unknown } | null)?.object === "v2.core.event") {
      const { id, type } = parsed as { id?: string; type?: string };
      console.error(`stripe-webhook: thin event ${id} (${type}) refused: this endpoint takes snapshot events (docs/stripe.md)`);
      throw new HttpError(400, "thin_event", "a thin event notification: send snapshot events of API version " + stripeApiVersion + " here");
    }
    if (!isSnapshotEvent(parsed)) {
      console.error("stripe-webhook: a signed JSON body that is not a Stripe event was refused");
      throw new HttpError(400, "invalid_payload", "the body is not a Stripe event");
    }
    const event = parsed;
    const payload = event as unknown as Parameters<typeof sql.json>[0];
    try {
      const [{ outcome }] = await sql<{ outcome: string }[]>`select billing.handle_stripe_event(${sql.json(payload)}) as outcome`;
      return json(200, { received: true, outcome });
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      const message = (error instanceof Error ? error.message : String(error)) + (hint ? ` (${hint})` : "");
      const refused = (error as { code?: string }).code === "PA131";
      console.error(refused
        ? `stripe-webhook: ${event.id} (${event.type}) refused: API version ${event.api_version} is not read here (pinned: ${stripeApiVersion}); recorded, Stripe will retry`
        : `stripe-webhook: ${event.id} (${event.type}) failed: ${message}`);
      await sql`select billing.record_stripe_event_failure(${event.id}, ${event.type}, ${sql.json(payload)}, ${message})`;
      throw new HttpError(500, refused ? "unsupported_api_version" : "event_failed",
        refused ? `API version ${event.api_version} is not read here: create the endpoint with ${stripeApiVersion}` : "the event could not be applied; Stripe will retry it");
    }
  });
}
