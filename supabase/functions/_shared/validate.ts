import { z } from "zod";
import { HttpError } from "./http.ts";

/** Parses a JSON request body with a zod schema; bad JSON or bad fields answer 400 with what was wrong. */
export async function parseJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, "invalid_json", "the body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, "invalid_request", "the request is not valid", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return parsed.data;
}

/** A redirect back to our own site: an absolute URL on the site's origin (no open redirects). */
export function siteUrl(siteOrigin: string) {
  return z.url().refine((url) => new URL(url).origin === new URL(siteOrigin).origin, { message: `must be on ${siteOrigin}` });
}

/** The client's Idempotency-Key header, or a fresh key: every outbound call carries one. */
export function idempotencyKey(request: Request): string {
  const key = request.headers.get("idempotency-key");
  if (key === null) return crypto.randomUUID();
  if (!/^[\w.:-]{8,200}$/.test(key)) throw new HttpError(400, "invalid_idempotency_key", "Idempotency-Key: 8 to 200 letters, digits, or . : _ -");
  return key;
}

/** Database errors that are the caller's fault, as 4xx: permission (42501), bad input (22xxx), not found (PA001). */
export function databaseErrorToHttp(error: unknown): never {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "42501") throw new HttpError(403, "forbidden", message);
  if (code === "PA001") throw new HttpError(404, "not_found", message);
  if (code?.startsWith("22")) throw new HttpError(400, "invalid_request", message);
  throw error;
}
