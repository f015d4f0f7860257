import { supabaseCli, withApiSchemas } from "./cluster.ts";
import { localBin, run } from "./process.ts";
import { apiSchemas, ownSchemas } from "./project.ts";

/**
 * `supabase gen types typescript` for every exposed schema, formatted: the content of
 * types/database.types.ts. Without Docker the CLI prints it unformatted (one line per table), so
 * `deno fmt` (the pinned deno: the same bytes everywhere) formats it.
 */
export function generateTypes(url: string): string {
  const raw = supabaseCli(["gen", "types", "typescript", `--remote=${url}`, "--schema", apiSchemas().join(",")]).stdout;
  return run(localBin("deno"), ["fmt", "--ext", "ts", "-"], { input: raw, env: { DENO_NO_UPDATE_CHECK: "1" } }).stdout;
}

/** `supabase db advisors` at warning level and above; returns its report, throws when it finds anything. */
export function runAdvisors(url: string): string {
  const result = supabaseCli(["db", "advisors", `--remote=${withApiSchemas(url)}`, "--level", "warn", "--fail-on", "warn"], { allowFailure: true });
  const report = result.stdout + result.stderr;
  if (result.status !== 0) throw new Error(`supabase db advisors found issues:\n${report}`);
  return report;
}

/** `supabase db lint` (plpgsql_check) over our schemas; throws on any warning or error. */
export function runLint(url: string): string {
  const result = supabaseCli(["db", "lint", `--remote=${url}`, "--schema", ownSchemas().join(","), "--level", "warning", "--fail-on", "warning"], { allowFailure: true });
  const report = result.stdout + result.stderr;
  if (result.status !== 0) throw new Error(`supabase db lint found issues:\n${report}`);
  return report;
}
