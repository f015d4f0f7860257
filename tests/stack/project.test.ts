import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/process.ts";
import { apiSchemas, edgeFunctions } from "../../scripts/lib/project.ts";

const readJson = (path: string) => JSON.parse(readFileSync(resolve(repoRoot, path), "utf8"));

describe("project configuration", () => {
  test("the API exposes the core and the five product schemas", () => {
    expect(apiSchemas()).toEqual(["public", "graphql_public", "billing", "tabletop", "tarot", "studio", "gigs", "lounge"]);
  });

  test("functions are found with their verify_jwt setting", () => {
    expect(edgeFunctions()).toContainEqual({ name: "health", verifyJwt: false });
  });

  test("every function has its own deno.json (as the Supabase CLI deploys them) with the local import map's imports", () => {
    const { imports } = readJson("supabase/functions/import_map.json");
    for (const { name } of edgeFunctions()) {
      expect(readJson(`supabase/functions/${name}/deno.json`), name).toEqual({ imports });
    }
    // A config.toml import_map would take precedence over deno.json when deploying.
    expect(readFileSync(resolve(repoRoot, "supabase/config.toml"), "utf8")).not.toMatch(/^import_map\s*=/m);
  });

  test("Deno's import map asks for the same versions as package.json, so both runtimes run one code", () => {
    const { dependencies } = readJson("package.json");
    const { imports } = readJson("supabase/functions/import_map.json");
    for (const [name, specifier] of Object.entries<string>(imports)) {
      expect(specifier, name).toBe(`npm:${name}@${dependencies[name]}`);
    }
  });
});
