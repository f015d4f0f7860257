import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";

/** The local stack's JWT secret (Supabase's local default); override with SUPABASE_JWT_SECRET. */
export const jwtSecret = process.env.SUPABASE_JWT_SECRET ?? "super-secret-jwt-token-with-at-least-32-characters-long";

/** An API key as Supabase issues them: a long-lived HS256 JWT whose role claim names the Postgres role. */
export function signApiKey(role: "anon" | "service_role"): Promise<string> {
  return new SignJWT({ role, iss: "supabase-demo" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    // Fixed times keep the keys the same on every start, so they can live in a client's .env.
    .setIssuedAt(1_700_000_000)
    .setExpirationTime(2_000_000_000)
    .sign(new TextEncoder().encode(jwtSecret));
}

/**
 * The local stack's asymmetric signing key (ES256), as new Supabase projects sign user tokens: made
 * once per process; its public half is served as the JWKS at /auth/v1/.well-known/jwks.json.
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let signingKey: Promise<SigningKey> | undefined;

export function localSigningKey(): Promise<SigningKey> {
  signingKey ??= makeSigningKey();
  return signingKey;
}

export async function makeSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = crypto.randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" } };
}

/** The JWKS that Supabase Auth serves, holding the local signing key's public half. */
export async function localJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await localSigningKey()).publicJwk] };
}

/** A user access token signed with ES256, as Supabase Auth issues them with asymmetric signing keys. */
export async function signEs256(claims: JWTPayload, key?: SigningKey): Promise<string> {
  const { kid, privateKey } = key ?? (await localSigningKey());
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "JWT", kid })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}
