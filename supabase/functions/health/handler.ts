import type { Sql } from "../_shared/db.ts";
import { HttpError, json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";

export interface HealthDependencies {
  sql: Sql;
}

/** GET: 200 with the latest applied migration version, 503 when the database cannot answer. */
export function createHealthHandler({ sql }: HealthDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(["GET", "HEAD"]);
    let migrationVersion: string | null;
    try {
      const [row] = await sql<{ version: string | null }[]>`select max(version) as version from supabase_migrations.schema_migrations`;
      migrationVersion = row.version;
    } catch (error) {
      console.error("health: database unavailable:", error instanceof Error ? error.message : error);
      throw new HttpError(503, "database_unavailable", "the database is not reachable");
    }
    return json(200, { status: "ok", migration_version: migrationVersion });
  });
}
