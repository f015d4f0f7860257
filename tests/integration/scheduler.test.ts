// The local scheduler (scripts/lib/scheduler.ts) over private.scheduled_jobs in the test database,
// calling a local HTTP stand-in for the edge functions that counts the calls it gets.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { signApiKey } from "../../scripts/lib/keys.ts";
import { runDueJobs, startScheduler, type SchedulerOptions } from "../../scripts/lib/scheduler.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { openConnections, testDatabaseUrl } from "../helpers.ts";

interface Answer {
  status: number;
  body?: string;
  delayMs?: number;
}

/** Answers POST /functions/v1/<name> with the answers queued for <name> (the last one repeats). */
class FunctionsStandIn {
  readonly calls: { name: string; authorization?: string; body: string }[] = [];
  private readonly answers = new Map<string, Answer[]>();
  private server!: Server;
  url = "";

  answer(name: string, ...answers: Answer[]): void {
    this.answers.set(name, answers);
  }

  callsTo(name: string): number {
    return this.calls.filter((call) => call.name === name).length;
  }

  async start(): Promise<void> {
    this.server = createServer(async (request, response) => {
      const name = decodeURIComponent(request.url?.match(/^\/functions\/v1\/([^/?]+)/)?.[1] ?? "");
      this.calls.push({ name, authorization: request.headers.authorization, body: await readBody(request) });
      const queued = this.answers.get(name) ?? [{ status: 404, body: "no such function" }];
      const answer = queued.length > 1 ? queued.shift()! : queued[0];
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (response.destroyed) return;
      response.writeHead(answer.status, { "Content-Type": "application/json" }).end(answer.body ?? "{}");
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let admin: Sql;
let schedulers: Sql[];
let standIn: FunctionsStandIn;
let serviceRoleKey: string;
let pausedJobs: string[] = [];
const jobPrefix = `vitest-${process.pid}-`;

function options(sql: Sql, worker: string): SchedulerOptions {
  return { sql, worker, functionsUrl: `${standIn.url}/functions/v1`, serviceRoleKey };
}

interface JobRow {
  attempts: number;
  last_status: string | null;
  last_http_status: number | null;
  last_error: string | null;
  last_started_at: Date | null;
  next_run_at: Date;
  claim_id: string | null;
  now: Date;
}

async function job(name: string): Promise<JobRow> {
  const [row] = await admin<JobRow[]>`
    select attempts, last_status, last_http_status, last_error, last_started_at, next_run_at, claim_id, now() as now
      from private.scheduled_jobs where name = ${name}`;
  return row;
}

/** A job of this test, due a second ago unless said otherwise. */
async function addJob(name: string, settings: { retryAfter?: string; timeout?: string; enabled?: boolean } = {}): Promise<void> {
  await admin`
    insert into private.scheduled_jobs (name, function_name, run_every, retry_after, timeout, enabled, next_run_at)
    values (${name}, ${name}, interval '1 hour', ${settings.retryAfter ?? "1 minute"}::interval, ${settings.timeout ?? "30 seconds"}::interval,
            ${settings.enabled ?? true}, now() - interval '1 second')`;
}

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  schedulers = await openConnections(2);
  standIn = new FunctionsStandIn();
  await standIn.start();
  serviceRoleKey = await signApiKey("service_role");
  // The seeded jobs (payouts, refunds) would be due here too: they wait while this file runs.
  pausedJobs = (await admin<{ name: string }[]>`
    update private.scheduled_jobs set enabled = false where enabled and name not like ${`${jobPrefix}%`} returning name`).map((row) => row.name);
});

afterAll(async () => {
  await admin`delete from private.scheduled_jobs where name like ${`${jobPrefix}%`}`;
  await admin`update private.scheduled_jobs set enabled = true where name = any(${pausedJobs}::text[])`;
  await standIn.stop();
  await Promise.all([admin, ...schedulers].map((sql) => sql.end()));
});

beforeEach(() => {
  standIn.calls.length = 0;
});

test("two schedulers polling at the same time run a due job exactly once", async () => {
  const name = `${jobPrefix}once`;
  await addJob(name);
  // The call takes a while, so that the other scheduler polls many times while it runs.
  standIn.answer(name, { status: 200, body: '{"paid": 0}', delayMs: 400 });

  const running = schedulers.map((sql, i) => startScheduler({ ...options(sql, `test-${i}`), intervalMs: 5 }));
  const deadline = Date.now() + 10_000;
  while ((await job(name)).last_status === null && Date.now() < deadline) await sleep(20);
  await sleep(300);
  await Promise.all(running.map((scheduler) => scheduler.stop()));

  expect(standIn.callsTo(name)).toBe(1);
  expect(standIn.calls[0].authorization).toBe(`Bearer ${serviceRoleKey}`);
  expect(JSON.parse(standIn.calls[0].body)).toEqual({ scheduled_job: name });
  const row = await job(name);
  expect(row).toMatchObject({ last_status: "succeeded", last_http_status: 200, last_error: null, attempts: 0, claim_id: null });
  // The next run is the next hourly slot.
  expect(row.next_run_at.getTime()).toBeGreaterThan(row.now.getTime());
  expect(row.next_run_at.getTime()).toBeLessThanOrEqual(row.now.getTime() + 3_600_000);
});

test("a failing call (500) is recorded and retried later, with a bounded error text", async () => {
  const name = `${jobPrefix}flaky`;
  await addJob(name, { retryAfter: "1 second" });
  standIn.answer(name, { status: 500, body: `boom ${"x".repeat(5000)}` }, { status: 200 });

  await runDueJobs(options(schedulers[0], "test-0"));
  expect(standIn.callsTo(name)).toBe(1);
  let row = await job(name);
  expect(row).toMatchObject({ last_status: "failed", last_http_status: 500, attempts: 1, claim_id: null });
  expect(row.last_error).toMatch(/^boom x+$/);
  expect(row.last_error).toHaveLength(1000);
  const retryIn = row.next_run_at.getTime() - row.now.getTime();
  expect(retryIn).toBeGreaterThan(0);
  expect(retryIn).toBeLessThanOrEqual(1_000);

  // Not before its retry time...
  await runDueJobs(options(schedulers[1], "test-1"));
  expect(standIn.callsTo(name)).toBe(1);

  // ...then again, and this time it succeeds.
  await sleep(retryIn + 100);
  await runDueJobs(options(schedulers[1], "test-1"));
  expect(standIn.callsTo(name)).toBe(2);
  row = await job(name);
  expect(row).toMatchObject({ last_status: "succeeded", last_http_status: 200, last_error: null, attempts: 0 });
  expect(row.next_run_at.getTime() - row.now.getTime()).toBeGreaterThan(1_000);
});

test("a call that outlasts the job's timeout is a failure without an HTTP status", async () => {
  const name = `${jobPrefix}slow`;
  await addJob(name, { timeout: "1 second" });
  standIn.answer(name, { status: 200, delayMs: 1_500 });

  await runDueJobs(options(schedulers[0], "test-0"));
  expect(standIn.callsTo(name)).toBe(1);
  expect(await job(name)).toMatchObject({ last_status: "failed", last_http_status: null, last_error: "timed out after 1000 ms", attempts: 1 });
});

test("a disabled job never runs", async () => {
  const name = `${jobPrefix}off`;
  await addJob(name, { enabled: false });
  standIn.answer(name, { status: 200 });

  for (let i = 0; i < 3; i++) {
    await Promise.all(schedulers.map((sql, s) => runDueJobs(options(sql, `test-${s}`))));
  }
  expect(standIn.callsTo(name)).toBe(0);
  expect(await job(name)).toMatchObject({ last_started_at: null, last_status: null, attempts: 0 });
});
