import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { rtcCredentialsDependencies, type TurnConfig } from "../../supabase/functions/rtc-credentials/config.ts";
import { createRtcCredentialsHandler } from "../../supabase/functions/rtc-credentials/handler.ts";
import { asUser, createUser, testDatabaseUrl, userToken } from "../helpers.ts";

const turn: TurnConfig = {
  urls: ["turn:turn.example.test:3478?transport=udp", "turns:turn.example.test:5349?transport=tcp"],
  stunUrls: ["stun:turn.example.test:3478"],
  secret: "a-turn-secret-shared-with-the-turn-server",
  ttlSeconds: 600,
};
const run = Date.now();

/**
 * What a TURN server accepting the TURN REST API scheme (coturn's use-auth-secret) checks: the
 * username is `<expiry unix seconds>:<user>`, the expiry is still ahead, and the credential is
 * base64(HMAC-SHA1(shared secret, username)). Written from the scheme, not from the function.
 */
function turnServerAccepts(username: string, credential: string, secret: string, nowSeconds = Date.now() / 1000): boolean {
  const match = /^(\d+):(.+)$/.exec(username);
  if (!match || Number(match[1]) <= nowSeconds) return false;
  const expected = createHmac("sha1", secret).update(username).digest();
  const given = Buffer.from(credential, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let sql: Sql;
let handler: Handler;
beforeAll(() => {
  sql = connectDatabase(testDatabaseUrl());
  handler = createRtcCredentialsHandler({ sql, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), turn });
});
afterAll(() => sql.end());

const post = (token: string | null, body: unknown, method = "POST") =>
  handler(new Request("http://local/rtc-credentials", {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  }));

/** Two users in a direct conversation with a call on, plus whatever else a test needs. */
async function callBetween(label: string) {
  const alice = await createUser(sql, `rtc-${label}-a-${run}@example.com`);
  const bob = await createUser(sql, `rtc-${label}-b-${run}@example.com`);
  const callId = await asUser(sql, alice, async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`select public.start_direct_conversation(${bob}) as id`;
    const [call] = await tx<{ id: string }[]>`select (public.start_call(${id})).id`;
    return call.id;
  });
  return { alice, bob, callId };
}

test("a participant gets TURN credentials a TURN server accepting the REST API scheme verifies, and the ICE servers", async () => {
  const { alice, bob, callId } = await callBetween("ok");
  const before = Math.floor(Date.now() / 1000);
  const response = await post(await userToken(alice), { call_id: callId });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const answer = await response.json();

  const [expiry, user] = answer.username.split(":");
  expect(user).toBe(alice);
  expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000);
  expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + turn.ttlSeconds);
  expect(Number(expiry)).toBeGreaterThanOrEqual(before + turn.ttlSeconds);
  expect(answer.ttl).toBe(turn.ttlSeconds);
  expect(answer.expires_at).toBe(new Date(Number(expiry) * 1000).toISOString());
  expect(turnServerAccepts(answer.username, answer.credential, turn.secret)).toBe(true);
  expect(answer.ice_servers).toEqual([
    { urls: turn.stunUrls },
    { urls: turn.urls, username: answer.username, credential: answer.credential },
  ]);

  // The server refuses them with another secret, for another user, once expired.
  expect(turnServerAccepts(answer.username, answer.credential, "another-secret-of-another-server")).toBe(false);
  expect(turnServerAccepts(`${expiry}:${bob}`, answer.credential, turn.secret)).toBe(false);
  expect(turnServerAccepts(answer.username, answer.credential, turn.secret, Number(expiry) + 1)).toBe(false);

  // The other participant gets their own.
  const other = await (await post(await userToken(bob), { call_id: callId })).json();
  expect(other.username.endsWith(`:${bob}`)).toBe(true);
  expect(turnServerAccepts(other.username, other.credential, turn.secret)).toBe(true);
});

test("a stranger, a suspended participant, a blocked one, an ended call, an unknown call, a bad body and no JWT get 4xx; nothing is stored", async () => {
  const { alice, bob, callId } = await callBetween("refused");
  const stranger = await createUser(sql, `rtc-stranger-${run}@example.com`);
  const snapshot = () => sql`select * from public.calls where id = ${callId}`;
  const stored = await snapshot();
  const aliceToken = await userToken(alice);

  const refusals: [string, Response, number, string][] = [
    ["stranger", await post(await userToken(stranger), { call_id: callId }), 403, "forbidden"],
    ["unknown call", await post(aliceToken, { call_id: crypto.randomUUID() }), 403, "forbidden"],
    ["no call_id", await post(aliceToken, {}), 400, "invalid_request"],
    ["not a uuid", await post(aliceToken, { call_id: "call-1" }), 400, "invalid_request"],
    ["an extra field", await post(aliceToken, { call_id: callId, user_id: stranger }), 400, "invalid_request"],
    ["not JSON", await post(aliceToken, "{call_id"), 400, "invalid_json"],
    ["no JWT", await post(null, { call_id: callId }), 401, "invalid_jwt"],
    ["a JWT that does not verify", await post(`${aliceToken.slice(0, -4)}AAAA`, { call_id: callId }), 401, "invalid_jwt"],
    ["GET", await post(aliceToken, null, "GET"), 405, "method_not_allowed"],
  ];
  for (const [what, response, status, code] of refusals) {
    expect(response.status, what).toBe(status);
    expect((await response.json()).error.code, what).toBe(code);
  }

  await sql`update public.profiles set status = 'suspended' where id = ${bob}`;
  const suspended = await post(await userToken(bob), { call_id: callId });
  expect(suspended.status).toBe(403);
  await sql`update public.profiles set status = 'active' where id = ${bob}`;

  await sql`insert into public.blocks (blocker_id, blocked_id) values (${bob}, ${alice})`;
  expect((await post(aliceToken, { call_id: callId })).status).toBe(403);
  await sql`delete from public.blocks where blocker_id = ${bob} and blocked_id = ${alice}`;
  expect((await post(aliceToken, { call_id: callId })).status).toBe(200);

  expect(await snapshot()).toEqual(stored);

  await asUser(sql, bob, (tx) => tx`select public.end_call(${callId})`);
  const ended = await post(aliceToken, { call_id: callId });
  expect(ended.status).toBe(409);
  expect((await ended.json()).error.code).toBe("call_ended");
});

test("the TURN settings are validated when the function starts", () => {
  const env = { SUPABASE_DB_URL: testDatabaseUrl(), SUPABASE_URL: "http://127.0.0.1:54321", SUPABASE_JWT_SECRET: jwtSecret };
  const good = { ...env, TURN_URLS: "turn:a.test:3478?transport=udp, turns:a.test:5349", TURN_SECRET: "sixteen-chars-at-least" };
  const dependencies = rtcCredentialsDependencies(good);
  expect(dependencies.turn).toEqual({ urls: ["turn:a.test:3478?transport=udp", "turns:a.test:5349"], stunUrls: [], secret: good.TURN_SECRET, ttlSeconds: 3600 });
  void dependencies.sql.end();
  for (const bad of [
    { ...good, TURN_URLS: undefined },
    { ...good, TURN_URLS: "" },
    { ...good, TURN_URLS: "https://a.test" },
    { ...good, STUN_URLS: "turn:a.test" },
    { ...good, TURN_SECRET: undefined },
    { ...good, TURN_SECRET: "short" },
    { ...good, TURN_CREDENTIAL_TTL_SECONDS: "0" },
    { ...good, TURN_CREDENTIAL_TTL_SECONDS: "a day" },
  ]) {
    expect(() => rtcCredentialsDependencies(bad), JSON.stringify(bad)).toThrow(/invalid function environment/);
  }
});

describe("rtc-credentials served by Deno like npm start serves it", () => {
  let server: FunctionsServer;
  beforeAll(async () => {
    server = await startFunctionsServer({ port: await freePort(55700), dbUrl: testDatabaseUrl(), env: { TURN_SECRET: "a-secret-only-this-test-knows" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("POST /functions/v1/rtc-credentials answers a participant with credentials for the configured server", async () => {
    const { alice, callId } = await callBetween("served");
    const response = await fetch(`${server.url}/functions/v1/rtc-credentials`, {
      method: "POST",
      headers: { authorization: `Bearer ${await userToken(alice)}`, "content-type": "application/json" },
      body: JSON.stringify({ call_id: callId }),
    });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(turnServerAccepts(answer.username, answer.credential, "a-secret-only-this-test-knows")).toBe(true);
    expect(answer.ice_servers.at(-1).urls.every((url: string) => url.startsWith("turn:"))).toBe(true);
  });
});
