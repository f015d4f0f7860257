import Stripe from "stripe";

/**
 * The Stripe API version every call and every webhook event is read in, pinned here for the SDK
 * (its type only accepts the version stripe@23.1.0 was generated for, so upgrading the SDK means
 * coming back here). The database reads events of this version (billing.stripe_api_version(), a test
 * checks that the two agree) and the webhook endpoints are created with it (docs/stripe.md).
 */
export const stripeApiVersion = "2026-10-28.endive" as const;

/**
 * A Stripe client on fetch (runs under Deno and Node alike) pinned to stripeApiVersion. apiBase
 * points it elsewhere than api.stripe.com: the tests' local stand-in.
 */
export function createStripe(secretKey: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    apiVersion: stripeApiVersion,
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
  });
}

export const webCrypto = Stripe.createSubtleCryptoProvider();
