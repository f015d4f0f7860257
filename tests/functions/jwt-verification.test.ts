// How functions verify user JWTs, as on the platform: HS256 with the JWT secret, ES256 (new projects'
// asymmetric signing keys) against the JWKS that Auth serves. The local gateway serves that JWKS.
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { jwtSecret, localSigningKey, makeSigningKey, signEs256 } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { HttpError } from "../../supabase/functions/_shared/http.ts";
import { testDatabaseUrl } from "../helpers.ts";

const userId = "00000000-0000-4000-8000-0000000000e5";
const claims = { sub: userId, role: "authenticated", aud: "authenticated", email: "es256@example.com" };
const bearer = (token: string) => new Request("http://local/fn", { headers: { authorization: `Bearer ${token}` } });

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof HttpError ? error.status : -1;
  }
}

describe("user JWTs verified by the functions", () => {
  let server: FunctionsServer;

  beforeAll(async () => {
    server = await startFunctionsServer({ port: await freePort(55800), dbUrl: testDatabaseUrl() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("the local stack serves its signing key as Auth's JWKS", async () => {
    const response = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = await response.json();
    expect(keys).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256", kid: (await localSigningKey()).kid })]);
    expect(keys[0]).not.toHaveProperty("d");
  });

  test("an ES256 user token verifies through the served JWKS", async () => {
    const auth = createAuth({ jwtSecret, supabaseUrl: server.url });
    const caller = await auth.user(bearer(await signEs256(claims)));
    expect(caller.userId).toBe(userId);
    expect(caller.email).toBe("es256@example.com");
  });

  test("an ES256 token signed with a key not in the JWKS is refused, even under the served key's kid", async () => {
    const auth = createAuth({ jwtSecret, supabaseUrl: server.url });
    const stranger = await makeSigningKey();
    expect(await refusal(auth.user(bearer(await signEs256(claims, stranger))))).toBe(401);
    const forged = { ...stranger, kid: (await localSigningKey()).kid };
    expect(await refusal(auth.user(bearer(await signEs256(claims, forged))))).toBe(401);
  });

  test("an HS256 token verifies with the JWT secret, and not with another secret", async () => {
    const auth = createAuth({ jwtSecret, supabaseUrl: server.url });
    const sign = (secret: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1h").sign(new TextEncoder().encode(secret));
    expect((await auth.user(bearer(await sign(jwtSecret)))).userId).toBe(userId);
    expect(await refusal(auth.user(bearer(await sign("another-secret-of-at-least-32-characters!"))))).toBe(401);
  });

  test("a kind of key that is not configured is refused", async () => {
    const jwksOnly = createAuth({ supabaseUrl: server.url });
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1h")
      .sign(new TextEncoder().encode(jwtSecret));
    expect(await refusal(jwksOnly.user(bearer(hs256)))).toBe(401);
    const secretOnly = createAuth({ jwtSecret });
    expect(await refusal(secretOnly.user(bearer(await signEs256(claims))))).toBe(401);
  });

  test("a deployed function accepts an ES256 user token and refuses a stranger's (HTTP)", async () => {
    // rtc-credentials verifies the caller first: a verified caller gets past 401 (to a 4xx about the call).
    const post = async (token: string) =>
      fetch(`${server.url}/functions/v1/rtc-credentials`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ call_id: "00000000-0000-4000-8000-000000000000" }),
      });
    const accepted = await post(await signEs256(claims));
    expect(accepted.status).not.toBe(401);
    expect(accepted.status).toBeLessThan(500);
    const refused = await post(await signEs256(claims, await makeSigningKey()));
    expect(refused.status).toBe(401);
  });
});
