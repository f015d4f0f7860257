import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { HttpError } from "./http.ts";

export interface Caller {
  userId: string;
  email?: string;
  claims: JWTPayload & Record<string, unknown>;
}

export interface Auth {
  /** The signed-in user the request's JWT names; 401 when there is none or it does not verify. */
  user(request: Request): Promise<Caller>;
  /** 401 unless the request carries the service_role key (or another service_role JWT). */
  serviceRole(request: Request): Promise<void>;
}

/**
 * Verifies Supabase JWTs as the platform does: an HS256 token with the project's JWT secret (the
 * legacy keys, and the local stack's API keys), an asymmetric one (ES256, RS256: new projects' user
 * tokens) against the project's JWKS at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`. A token whose
 * kind of key is not configured is refused. The user id always comes from the verified token.
 */
export function createAuth(options: { jwtSecret?: string; supabaseUrl?: string }): Auth {
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;
  const jwks = options.supabaseUrl ? createRemoteJWKSet(new URL("/auth/v1/.well-known/jwks.json", options.supabaseUrl)) : undefined;
  const verify = async (request: Request) => {
    const token = request.headers.get("authorization")?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) throw new HttpError(401, "invalid_jwt", "a JWT is required in the Authorization header");
    try {
      const { alg } = decodeProtectedHeader(token);
      if (alg === "HS256" && secret) return (await jwtVerify(token, secret, { algorithms: ["HS256"] })).payload as Caller["claims"];
      if ((alg === "ES256" || alg === "RS256") && jwks) return (await jwtVerify(token, jwks, { algorithms: ["ES256", "RS256"] })).payload as Caller["claims"];
    } catch {
      // falls through to the refusal below
    }
    throw new HttpError(401, "invalid_jwt", "the JWT does not verify or has expired");
  };
  return {
    async user(request) {
      const claims = await verify(request);
      if (claims.role !== "authenticated" || typeof claims.sub !== "string") {
        throw new HttpError(401, "invalid_jwt", "a signed-in user's JWT is required");
      }
      return { userId: claims.sub, email: typeof claims.email === "string" ? claims.email : undefined, claims };
    },
    async serviceRole(request) {
      const claims = await verify(request);
      if (claims.role !== "service_role") throw new HttpError(403, "forbidden", "only the service role may call this");
    },
  };
}
