// The local scheduler: what pg_cron and pg_net do on the hosted platform, as a small loop that
// `npm start` runs. Every few seconds it claims the due jobs of private.scheduled_jobs, POSTs to
// each job's edge function with the service_role key and records the answer. The claim (a lease
// in the database) keeps a job from running twice even beside another scheduler; the next run,
// retries and backoff are computed in SQL (supabase/migrations/20261122001450_scheduler.sql).
import type postgres from "postgres";

type Sql = postgres.Sql;

/** A job this scheduler holds the lease of (the row private.claim_scheduled_jobs returns). */
export interface ClaimedJob {
  job_name: string;
  edge_function: string;
  claim: string;
  attempt: number;
  timeout_ms: number;
}

/** What a call came to: the HTTP status (null when no answer came) and, on failure, why. */
export interface CallResult {
  httpStatus: number | null;
  error: string | null;
}

export interface RecordedRun {
  job: string;
  status: "succeeded" | "failed";
  httpStatus: number | null;
  nextRunAt: Date;
}

export interface SchedulerOptions {
  sql: Sql;
  /** e.g. http://127.0.0.1:54321/functions/v1; the job's function name is appended. */
  functionsUrl: string;
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** Names this scheduler in the lease (claimed_by). */
  worker?: string;
  /** Jobs claimed per tick. */
  limit?: number;
  log?: (line: string) => void;
}

/** The longest error text kept for a run (the table's bound). */
export const maxErrorLength = 1000;

export async function claimDueJobs(sql: Sql, worker: string, limit = 10): Promise<ClaimedJob[]> {
  return sql<ClaimedJob[]>`select job_name, edge_function, claim, attempt, timeout_ms from private.claim_scheduled_jobs(${worker}, ${limit})`;
}

/** POSTs to the job's edge function with the service key; never throws (a failure is a result). */
export async function callFunction(job: ClaimedJob, options: Pick<SchedulerOptions, "functionsUrl" | "serviceRoleKey" | "fetch">): Promise<CallResult> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(`${options.functionsUrl.replace(/\/+$/, "")}/${encodeURIComponent(job.edge_function)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${options.serviceRoleKey}` },
      body: JSON.stringify({ scheduled_job: job.job_name }),
      signal: AbortSignal.timeout(job.timeout_ms),
    });
    const text = await response.text();
    if (response.ok) return { httpStatus: response.status, error: null };
    return { httpStatus: response.status, error: (text.trim() || `HTTP ${response.status}`).slice(0, maxErrorLength) };
  } catch (error) {
    const message = error instanceof Error ? (error.name === "TimeoutError" ? `timed out after ${job.timeout_ms} ms` : error.message) : String(error);
    return { httpStatus: null, error: message.slice(0, maxErrorLength) };
  }
}

export async function recordResult(sql: Sql, job: ClaimedJob, result: CallResult): Promise<RecordedRun> {
  const [row] = await sql<{ last_status: "succeeded" | "failed"; next_run_at: Date }[]>`
    select last_status, next_run_at from private.record_scheduled_job_result(${job.job_name}, ${job.claim}, ${result.httpStatus}, ${result.error})`;
  return { job: job.job_name, status: row.last_status, httpStatus: result.httpStatus, nextRunAt: row.next_run_at };
}

/**
 * One tick: claims the due jobs, calls them side by side and records each answer. A result that
 * cannot be recorded (the lease expired meanwhile) is logged and skipped: the database already
 * counted that run as failed.
 */
export async function runDueJobs(options: SchedulerOptions): Promise<RecordedRun[]> {
  const log = options.log ?? (() => {});
  const jobs = await claimDueJobs(options.sql, options.worker ?? `local:${process.pid}`, options.limit);
  const runs = await Promise.all(jobs.map(async (job) => {
    const result = await callFunction(job, options);
    try {
      const run = await recordResult(options.sql, job, result);
      log(`${job.job_name} (try ${job.attempt}): ${run.status}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ""}`
        + `${result.error ? `: ${result.error.slice(0, 200)}` : ""}; next run ${run.nextRunAt.toISOString()}`);
      return run;
    } catch (error) {
      log(`${job.job_name}: result not recorded: ${error instanceof Error ? error.message : error}`);
      return undefined;
    }
  }));
  return runs.filter((run): run is RecordedRun => run !== undefined);
}

export interface RunningScheduler {
  /** Stops polling and waits for the tick under way. */
  stop(): Promise<void>;
}

/** Runs a tick now and then every intervalMs after the previous one ends (ticks never overlap). */
export function startScheduler(options: SchedulerOptions & { intervalMs: number }): RunningScheduler {
  const log = options.log ?? (() => {});
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = runDueJobs(options).then(
      () => {},
      (error: unknown) => log(`tick failed: ${error instanceof Error ? error.message : error}`),
    ).then(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
