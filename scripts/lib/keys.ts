import { SignJWT } from "jose";

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
