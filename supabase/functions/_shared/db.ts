import postgres from "postgres";

export type Sql = postgres.Sql;

/**
 * A small pool to the database for a function. Short connect timeout: a function answers
 * "unavailable" quickly rather than holding the caller while the database is down.
 */
export function connectDatabase(url: string): Sql {
  return postgres(url, { max: 5, connect_timeout: 5, idle_timeout: 20, prepare: false, onnotice: () => {} });
}
