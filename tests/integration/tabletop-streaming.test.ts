// Streaming goes live (issue 23, item 4), the functions' side: stored connection tokens carry their
// expiry and the streaming-token-refresh function refreshes them through the platform's OAuth 2.0
// token endpoint, here a local stand-in that speaks it (RFC 6749: grant_type=refresh_token with the
// client's credentials, rotating refresh tokens, invalid_grant for a revoked one). The database's side
// (start_stream, end_stream, viewer counts, premium templates) is in 38_tabletop_streaming_live.test.sql.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signApiKey, jwtSecret } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { createSecretBox, type SecretBox } from "../../supabase/functions/_shared/secrets.ts";
import { createTokenRefreshHandler } from "../../supabase/functions/streaming-token-refresh/handler.ts";
import { createUser, testDatabaseUrl, userToken } from "../helpers.ts";

const run = Date.now().toString(36);
const client = { clientId: `twitch-app-${run}`, clientSecret: `twitch-secret-${run}` };

/** A platform's token endpoint as RFC 6749 describes it, with what it was asked. */
class OAuthStandIn {
  private server?: Server;
  readonly requests: URLSearchParams[] = [];
  url = "";
  private issued = 0;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const form = new URLSearchParams(body);
        this.requests.push(form);
        const answer = (status: number, payload: unknown) => {
          response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
          response.end(JSON.stringify(payload));
        };
        if (request.method !== "POST" || request.url !== "/oauth2/token" || !request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
          return answer(400, { error: "invalid_request" });
        }
        if (form.get("client_id") !== client.clientId || form.get("client_secret") !== client.clientSecret) return answer(401, { error: "invalid_client" });
        if (form.get("grant_type") !== "refresh_token") return answer(400, { error: "unsupported_grant_type" });
        const refreshToken = form.get("refresh_token") ?? "";
        if (refreshToken.startsWith("revoked")) return answer(400, { error: "invalid_grant", error_description: "Invalid refresh token" });
        if (refreshToken.startsWith("flaky")) return answer(503, { error: "temporarily_unavailable" });
        this.issued++;
        return answer(200, { access_token: `access-${this.issued}-${run}`, refresh_token: `rotated-${this.issued}-${run}`, expires_in: 14400,
                             token_type: "bearer", scope: ["chat:read", "channel:read:stream_key"] });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let sql: Sql;
let secrets: SecretBox;
let oauth: OAuthStandIn;

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  secrets = await createSecretBox(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64"));
  oauth = await new OAuthStandIn().start();
});
afterAll(async () => {
  await oauth.stop();
  await sql.end();
});

const handler = () => createTokenRefreshHandler({
  sql, secrets, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }),
  clients: { twitch: { tokenUrl: `${oauth.url}/oauth2/token`, ...client } },
});
const call = async (token: string, method = "POST") =>
  handler()(new Request("http://local/streaming-token-refresh", { method, headers: { authorization: `Bearer ${token}` } }));

/** A connection stored as the streaming-connections function stores it, expiring in `expiresIn` seconds. */
async function connect(name: string, platform: string, refreshToken: string | null, expiresIn: number): Promise<{ user: string; id: string }> {
  const user = await createUser(sql, `${name}-${run}@example.com`);
  const [row] = await sql<{ id: string }[]>`
    select tabletop.store_streaming_connection(${user}, ${platform}, ${await secrets.seal(`old-access-${name}`)},
      ${refreshToken === null ? null : await secrets.seal(refreshToken)}, ${secrets.keyId}, ${new Date(Date.now() + expiresIn * 1000)},
      ${`${name}-id`}, ${name}, ${`https://twitch.tv/${name}`}, ${["chat:read"]}) as id`;
  return { user, id: row.id };
}

const connection = async (id: string) => (await sql`select * from tabletop.streaming_connections where id = ${id}`)[0];

test("tokens about to expire are refreshed through the platform's token endpoint, sealed with their new expiry", async () => {
  const due = await connect("due", "twitch", `good-refresh-${run}`, 300);
  const later = await connect("later", "twitch", `later-refresh-${run}`, 7200);
  const noRefresh = await connect("norefresh", "twitch", null, 300);
  const otherPlatform = await connect("yt", "youtube", `yt-refresh-${run}`, 300);

  const response = await call(await signApiKey("service_role"));
  expect(response.status).toBe(200);
  expect((await response.json()).refreshed).toBeGreaterThanOrEqual(1);

  // The stand-in was asked as RFC 6749 says, with the unsealed refresh token and the app's credentials.
  const asked = oauth.requests.find((form) => form.get("refresh_token") === `good-refresh-${run}`);
  expect(asked && Object.fromEntries(asked)).toEqual({ grant_type: "refresh_token", refresh_token: `good-refresh-${run}`, ...{ client_id: client.clientId, client_secret: client.clientSecret } });
  expect(oauth.requests.some((form) => form.get("refresh_token") === `later-refresh-${run}`)).toBe(false);

  const refreshed = await connection(due.id);
  expect(await secrets.open(refreshed.access_token_encrypted)).toMatch(new RegExp(`^access-\\d+-${run}$`));
  expect(await secrets.open(refreshed.refresh_token_encrypted)).toMatch(new RegExp(`^rotated-\\d+-${run}$`));
  expect(refreshed.access_token_encrypted).not.toContain("access-");
  expect(Math.abs(refreshed.token_expires_at.getTime() - (Date.now() + 14400_000))).toBeLessThan(60_000);
  expect(refreshed.scopes).toEqual(["chat:read", "channel:read:stream_key"]);
  expect(refreshed.is_active).toBe(true);

  // Not due, nothing to refresh with, or a platform without app credentials here: untouched.
  for (const { id } of [later, noRefresh, otherPlatform]) {
    expect(await secrets.open((await connection(id)).access_token_encrypted)).toMatch(/^old-access-/);
  }
});

test("a refresh token the platform refuses deactivates the connection and tells its owner; a platform error is retried later", async () => {
  const revoked = await connect("revoked", "twitch", `revoked-${run}`, 60);
  const flaky = await connect("flaky", "twitch", `flaky-${run}`, 60);
  const response = await call(await signApiKey("service_role"));
  expect(response.status).toBe(200);
  expect((await connection(revoked.id)).is_active).toBe(false);
  const [notice] = await sql`select type, payload from public.notifications where user_id = ${revoked.user}`;
  expect(notice).toMatchObject({ type: "tabletop.streaming_connection_expired", payload: { platform: "twitch", reason: "invalid_grant" } });
  const kept = await connection(flaky.id);
  expect(kept.is_active).toBe(true);
  expect(await secrets.open(kept.access_token_encrypted)).toBe("old-access-flaky");
});

test("only the service role runs it (a user's JWT answers 403, none 401, GET 405)", async () => {
  const user = await createUser(sql, `refresh-user-${run}@example.com`);
  expect((await call(await userToken(user))).status).toBe(403);
  expect((await handler()(new Request("http://local/streaming-token-refresh", { method: "POST" }))).status).toBe(401);
  expect((await call(await signApiKey("service_role"), "GET")).status).toBe(405);
});
