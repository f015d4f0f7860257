import { spawn, type ChildProcess } from "node:child_process";
import { jwtSecret, localJwks, signApiKey } from "./keys.ts";
import { localBin, repoRoot } from "./process.ts";
import { edgeFunctions } from "./project.ts";

export interface FunctionsServer {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The Deno flags that run our functions from node_modules with the functions' import map. */
export const denoRunFlags = [
  "--allow-net", "--allow-env", "--allow-read", "--no-prompt",
  "--node-modules-dir=manual", "--import-map=supabase/functions/import_map.json",
];

/** Serves every edge function with Deno on 127.0.0.1:<port>/functions/v1/<name>; resolves once it listens. */
/** Local Stripe settings: test-mode keys that reach nothing (set STRIPE_* to use your own). */
export const stripeSecretKey = process.env.STRIPE_SECRET_KEY ?? "sk_test_local_only";
export const stripeWebhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_local_only";

export async function startFunctionsServer(options: { port: number; dbUrl: string; inheritOutput?: boolean; env?: Record<string, string> }): Promise<FunctionsServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const [anonKey, serviceRoleKey] = await Promise.all([signApiKey("anon"), signApiKey("service_role")]);
  const functions = Object.fromEntries(edgeFunctions().map((f) => [f.name, { verifyJwt: f.verifyJwt }]));
  const child = spawn(localBin("deno"), ["run", ...denoRunFlags, "scripts/functions-server.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      FUNCTIONS: JSON.stringify(functions),
      FUNCTIONS_PORT: String(options.port),
      SUPABASE_URL: url,
      SUPABASE_DB_URL: options.dbUrl,
      SUPABASE_JWT_SECRET: jwtSecret,
      // The public signing keys, served at /auth/v1/.well-known/jwks.json (the CLI injects SUPABASE_JWKS too).
      SUPABASE_JWKS: JSON.stringify(await localJwks()),
      SUPABASE_ANON_KEY: anonKey,
      SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
      STRIPE_SECRET_KEY: stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      // AI providers: placeholders that reach nothing until set (the tests point them at a stand-in).
      OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? "sk-local-placeholder",
      ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY ?? "sk-ant-local-placeholder",
      // A development key (32 zero bytes): set your own CREDENTIALS_ENCRYPTION_KEY anywhere real.
      CREDENTIALS_ENCRYPTION_KEY: process.env.CREDENTIALS_ENCRYPTION_KEY ?? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      // A TURN server on this machine (e.g. coturn with use-auth-secret); set TURN_URLS, STUN_URLS and TURN_SECRET for a real one.
      TURN_URLS: process.env.TURN_URLS ?? "turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp",
      STUN_URLS: process.env.STUN_URLS ?? "stun:127.0.0.1:3478",
      TURN_SECRET: process.env.TURN_SECRET ?? "local-development-turn-secret",
      ...options.env,
      DENO_NO_UPDATE_CHECK: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      if (options.inheritOutput) process.stdout.write(text);
      if (output.includes("functions listening on")) resolvePromise();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the functions server exited with ${code} before listening:\n${output}`)));
    child.once("error", reject);
  });
  return {
    url, anonKey, serviceRoleKey, process: child,
    stop: () => new Promise((resolvePromise) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
      child.once("exit", () => resolvePromise());
      child.kill("SIGTERM");
    }),
  };
}
