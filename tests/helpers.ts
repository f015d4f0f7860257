import { readdirSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { createAuth } from "../supabase/functions/_shared/auth.ts";
import type { SealingFunctionDependencies } from "../supabase/functions/_shared/dependencies.ts";
import type { Handler } from "../supabase/functions/_shared/http.ts";
import { createSecretBox, type SecretBox } from "../supabase/functions/_shared/secrets.ts";
import { SignJWT } from "jose";
import type postgres from "postgres";
import { jwtSecret } from "../scripts/lib/keys.ts";
import { asCaller, connectDatabase, type Sql } from "../supabase/functions/_shared/db.ts";
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

export type TransactionSql = postgres.TransactionSql;

/** Creates an auth user as Supabase Auth would (the sign-up trigger then makes the profile); returns its id. */
export async function createUser(sql: Sql, email: string): Promise<string> {
  const [user] = await sql<{ id: string }[]>`
    insert into auth.users (id, aud, role, email, raw_user_meta_data, email_confirmed_at, created_at, updated_at)
    values (gen_random_uuid(), 'authenticated', 'authenticated', ${email}, '{}', now(), now(), now())
    returning id`;
  return user.id;
}

export function asUser<T>(sql: Sql, userId: string, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return asCaller(sql, { sub: userId, role: "authenticated", aal: "aal1" }, work);
}

export function asServiceRole<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return asCaller(sql, { role: "service_role" }, work);
}

/**
 * Runs `step` in a transaction (`begin` opens it: asUser, sql.begin...) and keeps that transaction open,
 * holding the locks the step took, until `release` is called; `release` resolves once it has committed.
 */
export async function holdTransaction(
  begin: (work: (tx: TransactionSql) => Promise<void>) => Promise<unknown>,
  step: (tx: TransactionSql) => Promise<unknown>,
): Promise<{ release: () => Promise<void> }> {
  let stepRan!: () => void;
  let letGo!: () => void;
  const ran = new Promise<void>((resolve) => (stepRan = resolve));
  const released = new Promise<void>((resolve) => (letGo = resolve));
  const committed = begin(async (tx) => {
    await step(tx);
    stepRan();
    await released;
  });
  // A step that fails rejects the transaction before it has run: answer that failure, not a hang.
  await Promise.race([ran, committed.then(() => { throw new Error("the held transaction ended before its step ran"); })]);
  return { release: async () => { letGo(); await committed; } };
}

/** Waits until `backends` backends (one by default) running a statement that contains `call` wait for a lock another transaction holds. */
export async function waitForLockWait(sql: Sql, call: string, backends = 1): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const [{ waiting }] = await sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like ${"%" + call + "%"}`;
    if (waiting >= backends) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${call} never waited for a lock`);
}

/** n connections of their own (one each), opened before use so that what runs on them starts together. */
export async function openConnections(n: number): Promise<Sql[]> {
  const connections = Array.from({ length: n }, () => connectDatabase(testDatabaseUrl()));
  await Promise.all(connections.map((sql) => sql`select 1`));
  return connections;
}

/** A signed-in user's access token, as Supabase Auth issues it (HS256 with the stack's JWT secret). */
export function userToken(userId: string, email = `${userId}@example.com`): Promise<string> {
  return new SignJWT({ sub: userId, role: "authenticated", email, aal: "aal1" })
    .setProtectedHeader({ alg: "HS256" }).setAudience("authenticated").setIssuedAt().setExpirationTime("1h").sign(new TextEncoder().encode(jwtSecret));
}

/**
 * A handler of a function that seals users' secrets, built as its index.ts builds it but with a
 * fresh random key, plus the database and that key for checking what was stored.
 */
export function sealingHandlerFixture(create: (dependencies: SealingFunctionDependencies) => Handler) {
  const fixture = {} as { sql: Sql; secrets: SecretBox; handler: Handler };
  beforeAll(async () => {
    fixture.sql = connectDatabase(testDatabaseUrl());
    fixture.secrets = await createSecretBox(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64"));
    fixture.handler = create({ sql: fixture.sql, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), secrets: fixture.secrets });
  });
  afterAll(() => fixture.sql.end());
  return fixture;
}
