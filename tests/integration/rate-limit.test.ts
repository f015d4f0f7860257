import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { json, withErrorHandling } from "../../supabase/functions/_shared/http.ts";
import { asServiceRole, asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

// 64 hits of one rate-limit key with room for 10, at the same moment, each over its own connection.
const hits = 64;
const limit = 10;

let admin: Sql;
let connections: Sql[];

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  connections = [];
  for (let opened = 0; opened < hits; opened += 16) connections.push(...(await openConnections(16)));
});
afterAll(async () => {
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

function refusals(outcomes: PromiseSettledResult<unknown>[]) {
  return outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as { code?: string; detail?: string }] : []));
}

test("64 concurrent hits of one key over a limit of 10 let exactly 10 through", async () => {
  const key = `probe:burst:${crypto.randomUUID()}`;
  const outcomes = await Promise.allSettled(
    connections.map((sql) => asServiceRole(sql, (tx) => tx`select private.rate_limit(${key}, interval '1 minute', ${limit})`)),
  );

  expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(limit);
  const refused = refusals(outcomes);
  expect(refused.map((e) => e.code)).toEqual(Array(hits - limit).fill("PA111"));
  for (const error of refused) {
    const detail = JSON.parse(error.detail ?? "{}");
    expect(detail).toMatchObject({ limit, window_seconds: 60 });
    expect(detail.retry_after).toBeGreaterThanOrEqual(1);
    expect(detail.retry_after).toBeLessThanOrEqual(60);
  }
  const [row] = await admin<{ hits: number }[]>`select hits from private.rate_limits where key = ${key}`;
  expect(row.hits).toBe(limit);
});

test("64 concurrent analytics events of one user over a limit of 10 store exactly 10", async () => {
  const user = await createUser(admin, `rate-${Date.now()}@example.com`);
  const [{ before }] = await admin<{ before: unknown }[]>`
    select config_value as before from private.system_configuration where config_key = 'analytics.events_per_minute'`;
  await admin`update private.system_configuration set config_value = to_jsonb(${limit}::int) where config_key = 'analytics.events_per_minute'`;
  try {
    const outcomes = await Promise.allSettled(
      connections.map((sql, i) => asUser(sql, user, (tx) => tx`select public.track_event('page_view', ${sql.json({ path: `/burst/${i}` })})`)),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(limit);
    expect(refusals(outcomes).map((e) => e.code)).toEqual(Array(hits - limit).fill("PA111"));
    const [{ stored }] = await admin<{ stored: number }[]>`select count(*)::int as stored from audit.analytics_events where user_id = ${user}`;
    expect(stored).toBe(limit);
  } finally {
    await admin`update private.system_configuration set config_value = ${admin.json(before as never)} where config_key = 'analytics.events_per_minute'`;
  }
});

test("an edge function answers a rate-limited call 429 rate_limited with Retry-After", async () => {
  const key = `probe:edge:${crypto.randomUUID()}`;
  const handler = withErrorHandling(async () => {
    await admin`select private.rate_limit(${key}, interval '30 seconds', 1)`;
    return json(200, { ok: true });
  });
  expect((await handler(new Request("http://functions.test/probe"))).status).toBe(200);
  const limited = await handler(new Request("http://functions.test/probe"));
  expect(limited.status).toBe(429);
  const retryAfter = Number(limited.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(30);
  expect((await limited.json()).error).toMatchObject({ code: "rate_limited", details: { retry_after: retryAfter, limit: 1, window_seconds: 30 } });
});
