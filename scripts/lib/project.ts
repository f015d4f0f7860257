import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./process.ts";

/** The body of one `[name]` section of supabase/config.toml (the CLI's own file is the one source). */
export function configSection(name: string): string | undefined {
  const config = readFileSync(resolve(repoRoot, "supabase/config.toml"), "utf8");
  return config.split(/^\[/m).find((section) => section.startsWith(`${name}]`));
}

/** The schemas PostgREST exposes: `[api] schemas`. */
export function apiSchemas(): string[] {
  const match = configSection("api")?.match(/^schemas\s*=\s*\[([^\]]*)\]/m);
  if (!match) throw new Error("supabase/config.toml has no [api] schemas list");
  return [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** Exposed schemas that hold our own tables and functions (graphql_public is the platform's). */
export function ownApiSchemas(): string[] {
  return apiSchemas().filter((schema) => schema !== "graphql_public");
}

/** Schemas that supabase db lint and the pgTAP structure checks cover: ours, exposed or not. */
export function ownSchemas(): string[] {
  return [...ownApiSchemas(), "private", "audit"];
}

export interface EdgeFunction {
  name: string;
  /** `[functions.<name>] verify_jwt`; the platform's default is on. */
  verifyJwt: boolean;
}

/** Every function: a folder of supabase/functions with an index.ts (folders starting with _ are shared code). */
export function edgeFunctions(): EdgeFunction[] {
  const dir = resolve(repoRoot, "supabase/functions");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && existsSync(resolve(dir, entry.name, "index.ts")))
    .map((entry) => ({
      name: entry.name,
      verifyJwt: !/^verify_jwt\s*=\s*false/m.test(configSection(`functions.${entry.name}`) ?? ""),
    }));
}
