import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyOptions } from "jose";
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
  const verify = async (request: Request, required: JWTVerifyOptions = {}) => {
    const token = request.headers.get("authorization")?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) throw new HttpError(401, "invalid_jwt", "a JWT is required in the Authorization header");
    try {
      const { alg } = decodeProtectedHeader(token);
      if (alg === "HS256" && secret) return (await jwtVerify(token, secret, { ...required, algorithms: ["HS256"] })).payload as Caller["claims"];
      if ((alg === "ES256" || alg === "RS256") && jwks) {
        return (await jwtVerify(token, jwks, { ...required, algorithms: ["ES256", "RS256"] })).payload as Caller["claims"];
      }
    } catch {
      // falls through to the refusal below
    }
    throw new HttpError(401, "invalid_jwt", "the JWT does not verify, has expired, or is not a user's access token");
  };
  return {
    async user(request) {
      // A user's access token as Supabase Auth issues it: it expires (a token without exp would be good
      // forever) and is meant for this API (aud = authenticated), not any other token signed with the key.
      const claims = await verify(request, { audience: "authenticated", requiredClaims: ["exp", "sub"] });
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
