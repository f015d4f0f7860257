import Stripe from "stripe";

/**
 * A Stripe client on fetch (runs under Deno and Node alike). apiBase points it elsewhere than
 * api.stripe.com: the tests' local stand-in.
 */
export function createStripe(secretKey: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
  });
}

export const webCrypto = Stripe.createSubtleCryptoProvider();
