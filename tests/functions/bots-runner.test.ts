// The bots-runner and studio-learning functions over the test database, with the bots' endpoints
// answered by a stand-in fetch: who is called with which key, what is recorded, what is refused.
import { afterAll, beforeAll, expect, test } from "vitest";
import { jwtSecret, signApiKey } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { createBotsRunnerHandler } from "../../supabase/functions/bots-runner/handler.ts";
import { createStudioLearningHandler } from "../../supabase/functions/studio-learning/handler.ts";
import { createUser, testDatabaseUrl, userToken } from "../helpers.ts";

const run = Date.now();
const projectUrl = "http://project.test";
const serviceKeyFor = signApiKey("service_role");
let sql: Sql;
let serviceKey: string;
let runner: Handler;
let learning: Handler;
const calls: { url: string; method: string; authorization: string | null; body: string | null }[] = [];
/** What each endpoint answers, by URL. */
const answers = new Map<string, (signal: AbortSignal) => Promise<Response>>();

async function standInFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const headers = new Headers(init?.headers);
  calls.push({ url, method: init?.method ?? "GET", authorization: headers.get("authorization"), body: typeof init?.body === "string" ? init.body : null });
  const answer = answers.get(url);
  if (!answer) throw new TypeError(`fetch failed: ${url}`);
  return answer(init!.signal!);
}

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  serviceKey = await serviceKeyFor;
  const auth = createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" });
  runner = createBotsRunnerHandler({ sql, auth, supabaseUrl: projectUrl, serviceRoleKey: serviceKey, fetch: standInFetch as typeof fetch, worker: `vitest-${run}` });
  learning = createStudioLearningHandler({ sql, auth });
  // Only this file's bots are due while it runs.
  await sql`update studio.bots set status = 'paused'`;
  await sql`insert into studio.bot_allowed_hosts (host) values ('status.example.com') on conflict do nothing`;
});
afterAll(() => sql.end());

const post = (body: unknown, token: string | null = serviceKey, method = "POST") =>
  new Request("http://local/fn", {
    method, body: method === "GET" ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

async function addBot(name: string, endpoint: string, options: { method?: "GET" | "POST"; timeout?: number } = {}): Promise<string> {
  const [bot] = await sql<{ id: string }[]>`
    insert into studio.bots (name, display_name, schedule_cron, api_endpoint, http_method, timeout_seconds)
    values (${name}, ${name}, '*/5 * * * *', ${endpoint}, ${options.method ?? "POST"}, ${options.timeout ?? 30}) returning id`;
  await sql`update studio.bots set next_execution_at = now() - interval '1 second' where id = ${bot.id}`;
  return bot.id;
}

const runsOf = (botId: string) =>
  sql<{ status: string; error_message: string | null; http_status: number | null; findings_count: number }[]>`
    select status, error_message, http_status, findings_count from studio.bot_executions where bot_id = ${botId} order by started_at`;

test("bad requests answer 4xx and start nothing", async () => {
  const bot = await addBot(`fn-refused-${run}`, "/functions/v1/fn-refused");
  expect((await runner(post({}, serviceKey, "GET"))).status).toBe(405);
  expect((await runner(post({}, null))).status).toBe(401);
  const user = await createUser(sql, `bots-runner-${run}@example.com`);
  expect((await runner(post({}, await userToken(user)))).status).toBe(403);
  const bad = await runner(post({ limit: 0 }));
  expect(bad.status).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_request");
  expect((await runner(post({ scheduled_job: "studio-bots", extra: true }))).status).toBe(400);
  expect(await runsOf(bot)).toEqual([]);
  await sql`delete from studio.bots where id = ${bot}`;
});

test("due bots are called, each with the right key, and their runs, findings and tickets recorded", async () => {
  calls.length = 0;
  const [knowledge] = await sql<{ id: string }[]>`
    insert into studio.bot_knowledge (category, issue_pattern, solution) values ('fn', 'queue stuck', 'restart the worker') returning id`;
  const own = await addBot(`fn-own-${run}`, "/functions/v1/bot-check");
  const host = await addBot(`fn-host-${run}`, "https://status.example.com/check");
  const ping = await addBot(`fn-ping-${run}`, "/functions/v1/health", { method: "GET" });
  const slow = await addBot(`fn-slow-${run}`, "/functions/v1/fn-slow", { timeout: 1 });
  answers.set(`${projectUrl}/functions/v1/bot-check`, async () => Response.json({
    findings: [
      { severity: "medium", category: "queues", title: "Queue stuck", action: { type: "restart", description: "restarted the worker", success: true, knowledge_id: knowledge.id } },
      { severity: "high", category: "payments", title: "Refunds failing", description: "3 refunds failed", escalate: true },
    ],
  }));
  answers.set("https://status.example.com/check", async () => new Response("down", { status: 503 }));
  answers.set(`${projectUrl}/functions/v1/health`, async () => new Response("ok"));
  answers.set(`${projectUrl}/functions/v1/fn-slow`, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))));

  const response = await runner(post({ scheduled_job: "studio-bots" }));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ran: 4, succeeded: 2, failed: 2 });

  const byUrl = Object.fromEntries(calls.map((c) => [c.url, c]));
  expect(byUrl[`${projectUrl}/functions/v1/bot-check`].authorization).toBe(`Bearer ${serviceKey}`);
  expect(JSON.parse(byUrl[`${projectUrl}/functions/v1/bot-check`].body!)).toMatchObject({ bot: `fn-own-${run}` });
  expect(byUrl["https://status.example.com/check"].authorization).toBeNull();
  expect(byUrl[`${projectUrl}/functions/v1/health`].method).toBe("GET");
  // Our functions that are not bots (health here; payouts, refunds) never get the service key.
  expect(byUrl[`${projectUrl}/functions/v1/health`].authorization).toBeNull();
  expect(byUrl[`${projectUrl}/functions/v1/fn-slow`].authorization).toBeNull();

  expect(await runsOf(own)).toEqual([{ status: "succeeded", error_message: null, http_status: 200, findings_count: 2 }]);
  expect(await runsOf(host)).toEqual([{ status: "failed", error_message: "HTTP 503: down", http_status: 503, findings_count: 0 }]);
  expect(await runsOf(ping)).toEqual([{ status: "succeeded", error_message: null, http_status: 200, findings_count: 0 }]);
  expect(await runsOf(slow)).toEqual([{ status: "failed", error_message: "timed out after 1000 ms", http_status: null, findings_count: 0 }]);

  const [stats] = await sql`select total_runs, successful_runs, failed_runs, next_execution_at > now() as rescheduled from studio.bots where id = ${own}`;
  expect(stats).toEqual({ total_runs: 1, successful_runs: 1, failed_runs: 0, rescheduled: true });
  const [applied] = await sql`select times_applied, times_successful, success_rate from studio.bot_knowledge where id = ${knowledge.id}`;
  expect(applied).toEqual({ times_applied: 1, times_successful: 1, success_rate: "100.00" });
  const tickets = await sql`select severity, status, assignee, title from studio.bot_tickets where bot_id = ${own}`;
  expect(tickets).toEqual([{ severity: "high", status: "open", assignee: "javari", title: "Refunds failing" }]);

  // Nothing is due now: a second call starts nothing.
  expect(await (await runner(post({ scheduled_job: "studio-bots" }))).json()).toEqual({ ran: 0, succeeded: 0, failed: 0 });
  await sql`delete from studio.bots where id in ${sql([own, host, ping, slow])}`;
});

test("a report that breaks the rules is a failed run, recorded, never dropped", async () => {
  const invalid = await addBot(`fn-invalid-${run}`, "/functions/v1/fn-invalid");
  const unknown = await addBot(`fn-unknown-${run}`, "/functions/v1/fn-unknown");
  answers.set(`${projectUrl}/functions/v1/fn-invalid`, async () => Response.json({ findings: [{ severity: "apocalyptic", category: "x", title: "y" }] }));
  answers.set(`${projectUrl}/functions/v1/fn-unknown`, async () => Response.json({
    findings: [{ severity: "low", category: "x", title: "y", action: { type: "t", description: "d", success: false, knowledge_id: crypto.randomUUID() } }],
  }));
  expect(await (await runner(post({}))).json()).toEqual({ ran: 2, succeeded: 0, failed: 2 });
  const [invalidRun] = await runsOf(invalid);
  expect(invalidRun.status).toBe("failed");
  expect(invalidRun.error_message).toMatch(/^invalid report: findings\.0\.severity/);
  const [unknownRun] = await runsOf(unknown);
  expect(unknownRun.status).toBe("failed");
  expect(unknownRun.error_message).toMatch(/^findings refused: .*bot_actions_knowledge_id_fkey/);
  expect((await sql`select count(*)::int as n from studio.bot_findings where bot_id in ${sql([invalid, unknown])}`)[0].n).toBe(0);
  await sql`delete from studio.bots where id in ${sql([invalid, unknown])}`;
});

test("two runners at once start a due bot once", async () => {
  const bot = await addBot(`fn-race-${run}`, "/functions/v1/fn-race");
  answers.set(`${projectUrl}/functions/v1/fn-race`, async () => new Response("ok"));
  const results = await Promise.all([runner(post({})), runner(post({})), runner(post({}))].map(async (r) => (await r).json()));
  expect(results.reduce((sum, r) => sum + r.ran, 0)).toBe(1);
  expect(await runsOf(bot)).toHaveLength(1);
  await sql`delete from studio.bots where id = ${bot}`;
});

test("studio-learning writes a day's summaries for the service role only", async () => {
  const user = await createUser(sql, `learning-${run}@example.com`);
  expect((await learning(post({ day: "2026-11-30" }, await userToken(user)))).status).toBe(403);
  expect((await learning(post({ day: "yesterday" }))).status).toBe(400);
  expect((await learning(post({ day: "2999-01-01" }))).status).toBe(400);
  const response = await learning(post({ day: "2026-11-30" }));
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ day: "2026-11-30", written: expect.any(Number) });
  const nightly = await learning(post({ scheduled_job: "studio-learning" }));
  expect(nightly.status).toBe(200);
});
