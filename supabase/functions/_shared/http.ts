// JSON responses and errors in the one shape every function answers with:
// { "error": { "code", "message", "details"? } } and the matching HTTP status.

export type Handler = (request: Request) => Promise<Response>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(error: HttpError): Response {
  const body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
  return json(error.status, body, error.headers);
}

export function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, "method_not_allowed", `use ${allowed.join(" or ")}`, undefined, { allow: allowed.join(", ") });
}

/** The database's "rate limited" codes: PA111 (private.rate_limit) and PA113 (messaging's own). */
const rateLimitCodes = new Set(["PA111", "PA113"]);

/**
 * A database refusal by the rate limiter as 429 rate_limited with Retry-After (the seconds in the
 * error's DETAIL, `{"retry_after": n, ...}`, also passed on as `details`); undefined for any other error.
 */
export function rateLimited(error: unknown): HttpError | undefined {
  const { code, message, detail } = (error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
  if (typeof code !== "string" || !rateLimitCodes.has(code)) return undefined;
  let details: { retry_after?: unknown } | undefined;
  try {
    details = typeof detail === "string" ? JSON.parse(detail) : undefined;
  } catch {
    details = undefined;
  }
  const seconds = Number(details?.retry_after);
  const retryAfter = Number.isFinite(seconds) && seconds >= 1 ? Math.ceil(seconds) : 60;
  return new HttpError(429, "rate_limited", typeof message === "string" ? message : "too many requests", details ?? { retry_after: retryAfter },
    { "retry-after": String(retryAfter) });
}

/**
 * Wraps a handler so that every failure answers JSON: an HttpError with its own status, a rate-limit
 * refusal from the database as 429 with Retry-After, anything else as a 500 that is logged (never
 * swallowed) and does not leak internals to the caller.
 */
export function withErrorHandling(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      const limited = rateLimited(error);
      if (limited) return errorResponse(limited);
      console.error(error);
      return errorResponse(new HttpError(500, "internal_error", "internal error"));
    }
  };
}
