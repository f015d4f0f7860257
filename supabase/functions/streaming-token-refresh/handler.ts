import { z } from "zod";
import type { SealingFunctionDependencies } from "../_shared/dependencies.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";

export type StreamingPlatform = "twitch" | "youtube" | "kick";

/** A platform's OAuth 2.0 client: its token endpoint and the app's credentials. */
export interface OAuthClient {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenRefreshDependencies extends Pick<SealingFunctionDependencies, "sql" | "auth" | "secrets"> {
  /** The platforms whose app credentials are configured; the others' connections are left alone. */
  clients: Partial<Record<StreamingPlatform, OAuthClient>>;
  fetch?: typeof fetch;
  /** How long before expiry a token is refreshed. */
  refreshWithinSeconds?: number;
}

// RFC 6749 section 5.1: a successful token response (refresh_token only when the platform rotates it).
const tokenResponse = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive().max(366 * 24 * 3600),
  refresh_token: z.string().min(1).max(4096).optional(),
  scope: z.union([z.string(), z.array(z.string())]).optional(),
});

interface DueConnection {
  id: string;
  platform: StreamingPlatform;
  refresh_token_encrypted: string;
  encryption_key_id: string;
}

/**
 * POST (service_role key, or the scheduler every 10 minutes): refreshes the streaming connections
 * whose access token expires within the next 15 minutes, through each platform's OAuth 2.0 token
 * endpoint (grant_type=refresh_token, the app's client credentials), and stores the new tokens
 * sealed with their expiry. A refresh token the platform refuses (400/401: invalid_grant) deactivates
 * the connection and tells its owner; anything else is retried at the next run.
 */
export function createTokenRefreshHandler({ sql, auth, secrets, clients, fetch: fetchImpl = fetch, refreshWithinSeconds = 900 }: TokenRefreshDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    await auth.serviceRole(request);
    const due = await sql<DueConnection[]>`
      select id, platform, refresh_token_encrypted, encryption_key_id
        from tabletop.streaming_connections_to_refresh(make_interval(secs => ${refreshWithinSeconds}), 100)`;
    const outcome = { refreshed: 0, deactivated: 0, retry_later: 0, skipped: 0 };
    for (const connection of due) {
      const client = clients[connection.platform];
      if (!client || connection.encryption_key_id !== secrets.keyId) {
        outcome.skipped++;  // no app credentials here, or sealed with another key (rotation)
        continue;
      }
      let response: Response;
      try {
        response = await fetchImpl(client.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({
            grant_type: "refresh_token", refresh_token: await secrets.open(connection.refresh_token_encrypted),
            client_id: client.clientId, client_secret: client.clientSecret,
          }),
        });
      } catch (error) {
        console.error(`streaming-token-refresh: ${connection.id}:`, error instanceof Error ? error.message : error);
        outcome.retry_later++;
        continue;
      }
      const body = await response.json().catch(() => null);
      if (response.status === 400 || response.status === 401) {
        const reason = typeof body?.error === "string" ? body.error : `HTTP ${response.status}`;
        await sql`select tabletop.deactivate_streaming_connection(${connection.id}, ${reason})`;
        outcome.deactivated++;
        continue;
      }
      const tokens = tokenResponse.safeParse(body);
      if (!response.ok || !tokens.success) {
        console.error(`streaming-token-refresh: ${connection.id}: HTTP ${response.status}, unexpected answer`);
        outcome.retry_later++;
        continue;
      }
      const scopes = tokens.data.scope === undefined ? null
        : Array.isArray(tokens.data.scope) ? tokens.data.scope : tokens.data.scope.split(/[\s,]+/).filter(Boolean);
      const [accessSealed, refreshSealed] = await Promise.all([
        secrets.seal(tokens.data.access_token),
        tokens.data.refresh_token === undefined ? null : secrets.seal(tokens.data.refresh_token),
      ]);
      await sql`select tabletop.store_refreshed_streaming_tokens(${connection.id}, ${accessSealed}, ${refreshSealed}, ${secrets.keyId},
                  ${new Date(Date.now() + tokens.data.expires_in * 1000)}, ${scopes})`;
      outcome.refreshed++;
    }
    return json(200, outcome);
  });
}
