import type { Handler } from "./http.ts";

/**
 * The local functions server (scripts/functions-server.ts) serves every function from one Deno
 * process: it sets this hook before importing a function's index.ts and takes the handler.
 * Elsewhere (the Supabase Edge Runtime) there is no hook and the function serves itself.
 */
const mountHook = Symbol.for("supabase.functions.mount");

export type MountHook = (handler: Handler) => void;

export function serve(handler: Handler): void {
  const mount = (globalThis as Record<symbol, unknown>)[mountHook] as MountHook | undefined;
  if (mount) mount(handler);
  else Deno.serve(handler);
}

export function setMountHook(hook: MountHook | undefined): void {
  (globalThis as Record<symbol, unknown>)[mountHook] = hook;
}
