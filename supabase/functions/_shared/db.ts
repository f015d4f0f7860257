import postgres from "postgres";
import { HttpError } from "./http.ts";

export type Sql = postgres.Sql;

/**
 * A small pool to the database for a function. Short connect timeout: a function answers
 * "unavailable" quickly rather than holding the caller while the database is down.
 */
export function connectDatabase(url: string): Sql {
  return postgres(url, { max: 5, connect_timeout: 5, idle_timeout: 20, prepare: false, onnotice: () => {} });
}

export interface CallerClaims extends Record<string, unknown> {
  role: "authenticated" | "service_role";
  sub?: string;
}

/**
 * Runs `work` in one transaction as PostgREST does for a JWT with these claims (its role plus the
 * claims), so that RLS and auth.uid() apply to what a function does on the caller's behalf.
 */
export function asCaller<T>(sql: Sql, claims: CallerClaims, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${claims.role}, true)`;
    return work(tx);
  }) as Promise<T>;
}

/** 403 unless the user may act (suspended and deleted accounts read but change nothing). */
export async function requireActiveUser(sql: Sql, userId: string): Promise<void> {
  const [row] = await sql<{ active: boolean }[]>`select status = 'active' as active from public.profiles where id = ${userId}`;
  if (!row?.active) throw new HttpError(403, "forbidden", "account is suspended or deleted");
}
