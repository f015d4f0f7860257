import { z } from "zod";
import { asCaller, requireActiveUser } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { parseJsonBody } from "../_shared/validate.ts";
import type { RtcCredentialsDependencies } from "./config.ts";

// A call in a conversation, or a Realtime topic whose members talk over voice (a product's room:
// `room:<id>`), which the caller may use as Realtime's policies decide.
const body = z.union([
  z.object({ call_id: z.uuid() }).strict(),
  z.object({ topic: z.string().regex(/^[a-z_]{2,30}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) }).strict(),
]);

/**
 * POST (JWT) {call_id} or {topic}: short-lived TURN credentials for one active call's participant, or
 * for someone who may use a Realtime topic (a member of a product's room, `room:<id>`), in the TURN
 * REST API scheme: username `<expiry unix seconds>:<user id>`, credential base64(HMAC-SHA1(secret,
 * username)), which the TURN server checks with the same secret; plus the ICE servers to use.
 * Who may have them is the database's rule (the call is read as the caller, under RLS: only its
 * conversation's participants see it). Nothing is stored.
 */
export function createRtcCredentialsHandler({ sql, auth, turn, now = Date.now }: RtcCredentialsDependencies): Handler {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(turn.secret), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const caller = await auth.user(request);
    const input = await parseJsonBody(request, body);
    await requireActiveUser(sql, caller.userId);
    if ("topic" in input) {
      // The topic's own rule, as the caller (sending: a block in a direct conversation counts too).
      const [topic] = await asCaller(sql, { sub: caller.userId, role: "authenticated" }, (tx) => tx<{ allowed: boolean }[]>`
        select private.can_use_topic(${input.topic}, true) as allowed`);
      if (!topic?.allowed) throw new HttpError(403, "forbidden", "only those who may use the topic get credentials for it");
    } else {
      const [call] = await asCaller(sql, { sub: caller.userId, role: "authenticated" }, (tx) => tx<{ status: string; blocked: boolean }[]>`
        select c.status, private.blocked_in_conversation(c.conversation_id) as blocked from public.calls c where c.id = ${input.call_id}`);
      // An unknown call and someone else's look alike: neither is the caller's.
      if (!call) throw new HttpError(403, "forbidden", "only the call's participants get credentials for it");
      if (call.blocked) throw new HttpError(403, "forbidden", "a block stands between the participants of this call");
      if (call.status !== "active") throw new HttpError(409, "call_ended", "the call has ended");
    }

    const expiry = Math.floor(now() / 1000) + turn.ttlSeconds;
    const username = `${expiry}:${caller.userId}`;
    const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(username)));
    const credential = btoa(String.fromCharCode(...signature));
    const iceServers = [
      ...(turn.stunUrls.length > 0 ? [{ urls: turn.stunUrls }] : []),
      { urls: turn.urls, username, credential },
    ];
    return json(200, { username, credential, ttl: turn.ttlSeconds, expires_at: new Date(expiry * 1000).toISOString(), ice_servers: iceServers },
      { "cache-control": "no-store" });
  });
}
