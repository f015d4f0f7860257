// User JWTs at the edge functions: signed with the project's key is not enough. A token without
// `exp` (good forever), an expired one, or one meant for another audience is refused with 401,
// beside the rightful user's access token, which passes.
import { SignJWT, type JWTPayload } from "jose";
import { describe, expect, test } from "vitest";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { createStudioCredentialsHandler } from "../../supabase/functions/studio-credentials/handler.ts";
import { createUser, sealingHandlerFixture, userToken } from "../helpers.ts";

const auth = createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" });
const key = new TextEncoder().encode(jwtSecret);
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the project's own key: only its claims differ from a real access token's. */
function signed(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(key);
}

const userId = "5f0c2d1e-0000-4000-8000-000000000001";
const valid = () => ({ sub: userId, role: "authenticated", aud: "authenticated", iat: now(), exp: now() + 3600 });
const request = (token: string) => new Request("http://local/x", { headers: { authorization: `Bearer ${token}` } });

describe("createAuth().user", () => {
  test("the rightful user's access token passes", async () => {
    await expect(auth.user(request(await signed(valid())))).resolves.toMatchObject({ userId });
    await expect(auth.user(request(await userToken(userId)))).resolves.toMatchObject({ userId });
  });

  const attacks: [string, () => JWTPayload][] = [
    ["a token without exp", () => {
      const { exp: _exp, ...claims } = valid();
      return claims;
    }],
    ["an expired token", () => ({ ...valid(), iat: now() - 7200, exp: now() - 60 })],
    ["a token for another audience", () => ({ ...valid(), aud: "some-other-service" })],
    ["a token with no audience", () => {
      const { aud: _aud, ...claims } = valid();
      return claims;
    }],
    ["a token without sub", () => {
      const { sub: _sub, ...claims } = valid();
      return claims;
    }],
    ["an anon key's claims", () => ({ role: "anon", aud: "authenticated", exp: now() + 3600 })],
  ];
  for (const [name, claims] of attacks) {
    test(`${name} is refused (401)`, async () => {
      await expect(auth.user(request(await signed(claims())))).rejects.toMatchObject({ status: 401, code: "invalid_jwt" });
    });
  }
});

describe("through a function", () => {
  const fixture = sealingHandlerFixture(createStudioCredentialsHandler);
  const get = (token: string) => fixture.handler(new Request("http://local/studio-credentials", { method: "GET", headers: { authorization: `Bearer ${token}` } }));

  test("the user's token is served; the same user's id in a token without exp, expired, or for another audience answers 401", async () => {
    const user = await createUser(fixture.sql, `jwt-claims-${Date.now()}@example.com`);
    expect((await get(await userToken(user))).status).toBe(200);
    const base = { sub: user, role: "authenticated", aud: "authenticated", iat: now() };
    for (const claims of [base, { ...base, exp: now() - 60 }, { ...base, aud: "other", exp: now() + 3600 }]) {
      const response = await get(await signed(claims));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_jwt" } });
    }
  });
});
