import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "../scripts/lib/process.ts";

/** The database `npm test` prepared for this run (a throwaway cluster with every migration applied). */
export function testDatabaseUrl(): string {
  const url = process.env.SUPABASE_DB_URL;
  if (!url) throw new Error("SUPABASE_DB_URL is not set: run the tests with `npm test`, which prepares a database");
  return url;
}

/** The version of the newest migration file: what the database reports once every migration ran. */
export function latestMigrationVersion(): string {
  const versions = readdirSync(resolve(repoRoot, "supabase/migrations"))
    .map((file) => file.match(/^(\d+)_.+\.sql$/)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort();
  return versions[versions.length - 1];
}
