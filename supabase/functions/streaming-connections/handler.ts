import { z } from "zod";
import { requireActiveUser } from "../_shared/db.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import type { SealingFunctionDependencies } from "../_shared/dependencies.ts";
import { parseJsonBody } from "../_shared/validate.ts";

const token = z.string().min(1).max(4096);
const connection = z.object({
  platform: z.enum(["twitch", "youtube", "kick"]),
  access_token: token,
  refresh_token: token.optional(),
  expires_in: z.number().int().positive().max(366 * 24 * 3600).optional(),
  platform_user_id: z.string().min(1).max(200),
  platform_username: z.string().min(1).max(100).optional(),
  channel_url: z.string().url().max(500).refine((url) => url.startsWith("https://"), "must be an https URL").optional(),
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
}).strict();

/**
 * POST (JWT): stores the caller's streaming platform connection (tabletop.streaming_connections)
 * with its tokens sealed by a key only the functions hold; connecting the same platform again
 * replaces the tokens. Clients read the connection's metadata and disconnect through PostgREST.
 */
export function createStreamingConnectionsHandler({ sql, auth, secrets }: SealingFunctionDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, connection);
    await requireActiveUser(sql, caller.userId);
    const [accessSealed, refreshSealed] = await Promise.all([
      secrets.seal(input.access_token),
      input.refresh_token === undefined ? null : secrets.seal(input.refresh_token),
    ]);
    const expiresAt = input.expires_in === undefined ? null : new Date(Date.now() + input.expires_in * 1000);
    const [stored] = await sql<{ id: string }[]>`
      select tabletop.store_streaming_connection(${caller.userId}, ${input.platform}, ${accessSealed}, ${refreshSealed},
        ${secrets.keyId}, ${expiresAt}, ${input.platform_user_id}, ${input.platform_username ?? null},
        ${input.channel_url ?? null}, ${input.scopes ?? []}) as id`;
    return json(200, { id: stored.id, platform: input.platform, token_expires_at: expiresAt });
  });
}
