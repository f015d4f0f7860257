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

/**
 * Wraps a handler so that every failure answers JSON: an HttpError with its own status, anything
 * else as a 500 that is logged (never swallowed) and does not leak internals to the caller.
 */
export function withErrorHandling(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      console.error(error);
      return errorResponse(new HttpError(500, "internal_error", "internal error"));
    }
  };
}
