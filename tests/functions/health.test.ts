import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { createHealthHandler } from "../../supabase/functions/health/handler.ts";
import { latestMigrationVersion, testDatabaseUrl } from "../helpers.ts";

describe("health handler", () => {
  let sql: Sql;
  let unreachable: Sql;

  beforeAll(async () => {
    sql = connectDatabase(testDatabaseUrl());
    // Nothing listens on a port we have just found free: the database is down for this handler.
    unreachable = connectDatabase(`postgresql://postgres:postgres@127.0.0.1:${await freePort(55400)}/postgres`);
  });
  afterAll(async () => {
    await Promise.all([sql.end(), unreachable.end()]);
  });

  test("GET answers 200 with the latest migration version", async () => {
    const response = await createHealthHandler({ sql })(new Request("http://local/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: "ok", migration_version: latestMigrationVersion() });
  });

  test("an unreachable database answers 503 with a JSON error", async () => {
    const response = await createHealthHandler({ sql: unreachable })(new Request("http://local/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "database_unavailable", message: "the database is not reachable" } });
  });

  test("other methods answer 405 with the allowed ones", async () => {
    const response = await createHealthHandler({ sql })(new Request("http://local/health", { method: "POST", body: "{}" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});

describe("health served by Deno like npm start serves it", () => {
  let server: FunctionsServer;

  beforeAll(async () => {
    server = await startFunctionsServer({ port: await freePort(55500), dbUrl: testDatabaseUrl() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("GET /functions/v1/health answers 200 without a JWT (verify_jwt = false)", async () => {
    const response = await fetch(`${server.url}/functions/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", migration_version: latestMigrationVersion() });
  });

  test("an unknown function answers 404 JSON", async () => {
    const response = await fetch(`${server.url}/functions/v1/no-such-function`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("function_not_found");
  });
});
