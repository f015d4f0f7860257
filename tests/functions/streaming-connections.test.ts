import { expect, test } from "vitest";
import { createStreamingConnectionsHandler } from "../../supabase/functions/streaming-connections/handler.ts";
import { asUser, createUser, sealingHandlerFixture, userToken } from "../helpers.ts";

const fixture = sealingHandlerFixture(createStreamingConnectionsHandler);
const run = Date.now();

const call = (token: string, body?: unknown, method = "POST") =>
  fixture.handler(new Request("http://local/streaming-connections", { method, headers: { authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined }));
const connectionsOf = (user: string) => fixture.sql`select * from tabletop.streaming_connections where user_id = ${user}`;

test("tokens are stored sealed; the owner reads the metadata and disconnects, never the tokens; reconnecting replaces them", async () => {
  const user = await createUser(fixture.sql, `stream-${run}@example.com`);
  const other = await createUser(fixture.sql, `stream-other-${run}@example.com`);
  const token = await userToken(user);
  const twitch = {
    platform: "twitch", access_token: `twitch-access-${run}`, refresh_token: `twitch-refresh-${run}`, expires_in: 3600,
    platform_user_id: "4242", platform_username: "dragonstreams", channel_url: "https://twitch.tv/dragonstreams", scopes: ["chat:read"],
  };
  const response = await call(token, twitch);
  expect(response.status).toBe(200);
  const answer = await response.json();
  expect(JSON.stringify(answer)).not.toContain(`twitch-access-${run}`);

  const [row] = await connectionsOf(user);
  expect(row.id).toBe(answer.id);
  expect(row.access_token_encrypted).not.toContain("twitch-access");
  expect(row.refresh_token_encrypted).not.toContain("twitch-refresh");
  expect(row.encryption_key_id).toBe(fixture.secrets.keyId);
  expect(await fixture.secrets.open(row.access_token_encrypted)).toBe(twitch.access_token);
  expect(await fixture.secrets.open(row.refresh_token_encrypted)).toBe(twitch.refresh_token);
  expect(Math.abs(row.token_expires_at.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
  expect(row.scopes).toEqual(["chat:read"]);

  const mine = await asUser(fixture.sql, user, (tx) => tx`select platform, platform_username, channel_url from tabletop.streaming_connections`);
  expect(mine).toEqual([{ platform: "twitch", platform_username: "dragonstreams", channel_url: twitch.channel_url }]);
  await expect(asUser(fixture.sql, user, (tx) => tx`select access_token_encrypted from tabletop.streaming_connections`)).rejects.toMatchObject({ code: "42501" });
  expect(await asUser(fixture.sql, other, (tx) => tx`select id from tabletop.streaming_connections`)).toEqual([]);

  expect((await call(token, { ...twitch, access_token: `twitch-access-2-${run}`, refresh_token: undefined })).status).toBe(200);
  const rows = await connectionsOf(user);
  expect(rows).toHaveLength(1);
  expect(await fixture.secrets.open(rows[0].access_token_encrypted)).toBe(`twitch-access-2-${run}`);
  expect(rows[0].refresh_token_encrypted).toBeNull();

  await asUser(fixture.sql, other, (tx) => tx`delete from tabletop.streaming_connections`);
  expect(await connectionsOf(user)).toHaveLength(1);
  await asUser(fixture.sql, user, (tx) => tx`delete from tabletop.streaming_connections where platform = 'twitch'`);
  expect(await connectionsOf(user)).toHaveLength(0);
});

test("bad input answers 400, no JWT 401, a suspended account 403, other methods 405; nothing is stored", async () => {
  const user = await createUser(fixture.sql, `stream-bad-${run}@example.com`);
  const token = await userToken(user);
  const valid = { platform: "youtube", access_token: "ya29.secret", platform_user_id: "UC123" };
  for (const body of [
    { ...valid, platform: "myspace" },
    { ...valid, access_token: "" },
    { platform: "youtube", platform_user_id: "UC123" },
    { ...valid, channel_url: "http://youtube.com/c/plain" },
    { ...valid, expires_in: -5 },
    { ...valid, user_id: user },
  ]) {
    const response = await call(token, body);
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect((await response.json()).error).toBeDefined();
  }
  expect((await call("not-a-jwt", valid)).status).toBe(401);
  expect((await call(token, undefined, "GET")).status).toBe(405);
  await fixture.sql`update public.profiles set status = 'suspended' where id = ${user}`;
  expect((await call(token, valid)).status).toBe(403);
  expect(await connectionsOf(user)).toHaveLength(0);
});
