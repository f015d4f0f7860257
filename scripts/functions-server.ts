// The local stand-in for Supabase's functions gateway, run by Deno (`deno run ... scripts/functions-server.ts`):
// serves every supabase/functions/<name>/index.ts at http://127.0.0.1:<port>/functions/v1/<name>, and,
// like the gateway, refuses requests without a valid JWT for functions whose verify_jwt is on.
// The Node side (scripts/lib/functions.ts) reads config.toml and passes the list in FUNCTIONS.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { json, type Handler } from "../supabase/functions/_shared/http.ts";
import { setMountHook } from "../supabase/functions/_shared/serve.ts";

const port = Number(Deno.env.get("FUNCTIONS_PORT") ?? "54321");
const functions: Record<string, { verifyJwt: boolean }> = JSON.parse(Deno.env.get("FUNCTIONS") ?? "{}");
const jwtSecret = new TextEncoder().encode(Deno.env.get("SUPABASE_JWT_SECRET") ?? "");
// Supabase Auth's public signing keys; served below as Auth serves them, so functions verify ES256 tokens against them.
const jwks = JSON.parse(Deno.env.get("SUPABASE_JWKS") ?? '{"keys": []}');
const jwksKeys = createLocalJWKSet(jwks);

const handlers = new Map<string, Handler>();
for (const name of Object.keys(functions)) {
  let mounted: Handler | undefined;
  setMountHook((handler) => (mounted = handler));
  await import(new URL(`../supabase/functions/${name}/index.ts`, import.meta.url).href);
  setMountHook(undefined);
  if (!mounted) throw new Error(`supabase/functions/${name}/index.ts did not call serve()`);
  handlers.set(name, mounted);
}

async function hasValidJwt(request: Request): Promise<boolean> {
  const token = request.headers.get("authorization")?.match(/^Bearer (.+)$/i)?.[1];
  if (!token) return false;
  try {
    // As the gateway: HS256 with the JWT secret, ES256 against the JWKS.
    if (decodeProtectedHeader(token).alg === "HS256") await jwtVerify(token, jwtSecret, { algorithms: ["HS256"] });
    else await jwtVerify(token, jwksKeys, { algorithms: ["ES256"] });
    return true;
  } catch {
    return false;
  }
}

Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log(`functions listening on 127.0.0.1:${port}`) }, async (request) => {
  const url = new URL(request.url);
  if (url.pathname === "/auth/v1/.well-known/jwks.json") return json(200, jwks);
  const route = url.pathname.match(/^\/functions\/v1\/([^/]+)(\/.*)?$/);
  const handler = route && handlers.get(route[1]);
  if (!route || !handler) return json(404, { error: { code: "function_not_found", message: `no function at ${url.pathname}` } });
  if (functions[route[1]].verifyJwt && !(await hasValidJwt(request))) {
    return json(401, { error: { code: "invalid_jwt", message: "a valid JWT is required in the Authorization header" } });
  }
  // As on the platform, a function sees its path without the /functions/v1 prefix.
  const forwarded = new Request(new URL(`/${route[1]}${route[2] ?? ""}${url.search}`, url), {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return handler(forwarded);
});
