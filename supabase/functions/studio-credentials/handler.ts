import { z } from "zod";
import { asCaller, requireActiveUser } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import type { SealingFunctionDependencies } from "../_shared/dependencies.ts";
import { parseJsonBody } from "../_shared/validate.ts";

const service = z.string().regex(/^[a-z0-9_.-]{2,50}$/);

/**
 * The AI assistant's stored credentials (seed 002 javari_credentials), JWT required.
 * GET lists the services the caller connected; POST {service, credentials} stores them encrypted;
 * DELETE {service} removes them. No answer ever contains a secret.
 */
export function createStudioCredentialsHandler({ sql, auth, secrets }: SealingFunctionDependencies): Handler {
  return withErrorHandling(async (request) => {
    const caller = await auth.user(request);
    const claims = { ...caller.claims, role: "authenticated" as const };
    switch (request.method) {
      case "GET": {
        const services = await asCaller(sql, claims, (tx) => tx`select * from studio.my_credentials()`);
        return json(200, { services });
      }
      case "POST": {
        const input = await parseJsonBody(request, z.object({
          service, credentials: z.union([z.string().min(1).max(10_000), z.record(z.string(), z.string().max(10_000))]),
        }).strict());
        await requireActiveUser(sql, caller.userId);
        const sealed = await secrets.seal(JSON.stringify(input.credentials));
        await sql`select studio.store_credentials(${caller.userId}, ${input.service}, ${sealed}, ${secrets.keyId})`;
        return json(200, { service: input.service, stored: true });
      }
      case "DELETE": {
        const input = await parseJsonBody(request, z.object({ service }).strict());
        await requireActiveUser(sql, caller.userId);
        const removed = await sql`delete from studio.javari_credentials where user_id = ${caller.userId} and service = ${input.service}`;
        if (removed.count === 0) throw new HttpError(404, "not_found", `no credentials for ${input.service}`);
        return json(200, { service: input.service, removed: true });
      }
      default:
        throw methodNotAllowed(["GET", "POST", "DELETE"]);
    }
  });
}
