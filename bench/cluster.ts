import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePackages, freePort, LocalCluster, resetDatabase } from "../scripts/lib/cluster.ts";
import { run } from "../scripts/lib/process.ts";

/**
 * Runs a benchmark on a throwaway cluster with every migration applied, and removes it afterwards.
 * Durable commits (fsync and synchronous_commit on), as in production, and shared memory on huge
 * pages when the machine has them or lets us reserve them (see reserveHugePages).
 */
export async function withBenchCluster<T>(work: (cluster: LocalCluster) => Promise<T>): Promise<T> {
  ensurePackages();
  const cluster = new LocalCluster({ name: `bench-${process.pid}`, port: await freePort(54340) });
  const releaseHugePages = reserveHugePages(benchHugePages);
  try {
    cluster.init();
    const freeBefore = hugePagesFree();
    cluster.start();
    console.log(hugePagesFree() < freeBefore
      ? "Shared memory on huge pages."
      : "Shared memory on 4 kB pages (no huge pages free): every new connection maps the shared buffers it touches page by page, which costs far more on some virtual machines; expect lower figures at many clients.");
    cluster.bootstrap();
    resetDatabase(cluster.url);
    return await work(cluster);
  } finally {
    try {
      cluster.destroy();
    } finally {
      releaseHugePages();
    }
  }
}

// The bench cluster's shared memory (128 MB of buffers and what 300 connections need) fits in 400 MB.
const benchHugePages = 200;
const hugePagesSetting = "/proc/sys/vm/nr_hugepages";

function hugePagesFree(): number {
  const line = readFileSync("/proc/meminfo", "utf8").match(/^HugePages_Free:\s+(\d+)/m);
  return line ? Number(line[1]) : 0;
}

/**
 * Database servers run PostgreSQL's shared memory on huge pages (PostgreSQL's default huge_pages =
 * try takes them when the kernel has them reserved). Without them each backend maps every shared
 * buffer it touches with a page fault of its own: on this project's 2-core virtual machine that was
 * half the CPU of 32 fresh connections for their first 20 seconds. When too few are reserved and we
 * may reserve more (root), reserves them for the run; answers what puts the setting back.
 */
function reserveHugePages(pages: number): () => void {
  let before: number;
  try {
    before = Number(readFileSync(hugePagesSetting, "utf8"));
    if (hugePagesFree() >= pages) return () => {};
    writeFileSync(hugePagesSetting, String(before + pages));
    // The kernel reserves what contiguous memory it finds; after a run freed its files' cache it may
    // find too little (a bench run got none): compacting memory first, it finds the rest.
    if (hugePagesFree() < pages) {
      writeFileSync("/proc/sys/vm/compact_memory", "1");
      writeFileSync(hugePagesSetting, String(before + pages));
    }
  } catch {
    return () => {};
  }
  return () => writeFileSync(hugePagesSetting, String(before));
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds one HTTP request takes, body read; a request that fails stops the benchmark. */
export async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return performance.now() - started;
}

export interface PgbenchLatencies {
  tps: number;
  /** Latency percentiles in ms, from pgbench's per-transaction log. */
  p50: number;
  p95: number;
  p99: number;
}

export interface PgbenchRun extends PgbenchLatencies {
  /** For a workload of steps: each step's own rate and latencies (the run's figures are of whole rounds). */
  steps?: PgbenchLatencies[];
  /** What the figures come from: the counted seconds, and each counted round's steps' latencies in ms. */
  sample: { seconds: number; rounds: number[][] };
}

/** A run's figures from its sample. */
function figuresOf(sample: PgbenchRun["sample"]): PgbenchRun {
  const latencies = (ms: number[]): PgbenchLatencies => {
    const sorted = ms.sort((a, b) => a - b);
    return { tps: sorted.length / sample.seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  };
  const stepCount = sample.rounds[0]?.length ?? 1;
  const whole = latencies(sample.rounds.map((steps) => steps.reduce((sum, ms) => sum + ms, 0)));
  return { ...whole, sample, ...(stepCount > 1 ? { steps: Array.from({ length: stepCount }, (_, i) => latencies(sample.rounds.map((steps) => steps[i]))) } : {}) };
}

/** Runs of one workload as one: their counted seconds and rounds together (runs alternated with others' on a drifting machine). */
export function poolRuns(runs: PgbenchRun[]): PgbenchRun {
  return figuresOf({ seconds: runs.reduce((sum, r) => sum + r.sample.seconds, 0), rounds: runs.flatMap((r) => r.sample.rounds) });
}

/**
 * The script of a workload of steps (`{ steps }`), taken in turn by each client, one step per
 * pgbench transaction, so that each step's latency is logged on its own: a client's calls as the
 * separate requests PostgREST receives (a join, later a leave). pgbench variables live as long as
 * the client, so a step's variables (the user it acts as) carry over to the next.
 */
function stepsInTurn(steps: string[]): string {
  const branches = steps.map((step, i) => `${i === 0 ? "\\if" : "\\elif"} :step = ${i}\n${step.trim()}\n\\set step ${(i + 1) % steps.length}`);
  return `${branches.join("\n")}\n\\endif`;
}

export interface PgbenchOptions {
  /** Extended protocol with prepared statements, as PostgREST sends its queries (db-prepared-statements). */
  prepared?: boolean;
  /**
   * Seconds run first and not counted, on the same connections: the figures are of warm
   * connections (their plans, catalog caches and mapped shared memory), as a pool keeps them.
   */
  warmupSeconds?: number;
}

/**
 * One pgbench run of a script, a workload of steps or a built-in workload at `clients` connections
 * (two threads at most) for `seconds`; a transaction that fails or a client that aborts stops the benchmark.
 */
export function runPgbench(url: string, workload: string | { steps: string[] } | { builtin: string }, clients: number, seconds: number, options: PgbenchOptions = {}): PgbenchRun {
  const dir = mkdtempSync(join(tmpdir(), "pgbench-"));
  const warmup = options.warmupSeconds ?? 0;
  const stepCount = typeof workload === "object" && "steps" in workload ? workload.steps.length : 1;
  try {
    const script = typeof workload === "string" ? workload : "steps" in workload ? stepsInTurn(workload.steps) : undefined;
    const source = script === undefined ? ["-b", (workload as { builtin: string }).builtin] : ["-f", join(dir, "script.sql"), "-D", "step=0"];
    if (script !== undefined) writeFileSync(join(dir, "script.sql"), `${script.trim()}\n`);
    const startedAt = Date.now() / 1000;
    const { stdout } = run("/usr/lib/postgresql/15/bin/pgbench", [...source, "-n", "-c", String(clients), "-j", String(Math.min(clients, 2)),
      ...(options.prepared ? ["-M", "prepared"] : []),
      "-T", String(warmup + seconds), "-l", `--log-prefix=${join(dir, "log")}`, url], { cwd: dir });
    const tps = stdout.match(/tps = ([\d.]+)/);
    const failed = stdout.match(/number of failed transactions: (\d+)/);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    if ((failed && Number(failed[1]) > 0) || /aborted/.test(stdout)) throw new Error(`pgbench: transactions failed:\n${stdout}`);
    // Per-transaction log lines: client_id transaction_no (from 1) latency_us script_no epoch epoch_us (when it ended).
    // A round is a client's steps 0 to stepCount - 1 in a row (a single script: one transaction).
    const rounds = new Map<string, { endedAt: number; steps: { latencyMs: number; endedAt: number }[] }>();
    for (const f of readdirSync(dir).filter((name) => name.startsWith("log."))) {
      for (const line of readFileSync(join(dir, f), "utf8").trim().split("\n")) {
        const [client, transactionNo, latencyUs, , epoch, epochUs] = line.split(" ").map(Number);
        const key = `${f} ${client} ${Math.floor((transactionNo - 1) / stepCount)}`;
        const round = rounds.get(key) ?? { endedAt: 0, steps: [] };
        const step = { latencyMs: latencyUs / 1000, endedAt: epoch + epochUs / 1e6 };
        round.steps[(transactionNo - 1) % stepCount] = step;
        round.endedAt = Math.max(round.endedAt, step.endedAt);
        rounds.set(key, round);
      }
    }
    const complete = [...rounds.values()].filter((r) => r.steps.filter(Boolean).length === stepCount);
    // Counted: rounds whose first step ended after the warm-up (pgbench starts its clock once connected: from its first end on).
    // (reduce, not Math.min(...): a fast query logs more transactions than a call may take arguments)
    const firstEnd = complete.reduce((min, r) => Math.min(min, r.steps[0].endedAt), Infinity);
    const countedFrom = warmup ? Math.max(startedAt, firstEnd) + warmup : firstEnd;
    const counted = complete.filter((r) => r.steps[0].endedAt >= countedFrom);
    const lastEnd = counted.reduce((max, r) => Math.max(max, r.endedAt), countedFrom);
    // Without a warm-up or steps, pgbench's own rate (its clock starts at the connections).
    const countedSeconds = warmup || stepCount > 1 ? lastEnd - countedFrom : counted.length / Number(tps[1]);
    return figuresOf({ seconds: countedSeconds, rounds: counted.map((r) => r.steps.map((step) => step.latencyMs)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs SQL on a bench cluster, stopping at the first error; answers psql's unaligned, tuples-only output. */
export function psql(url: string, sql: string): string {
  return run("psql", [url, "-q", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]).stdout;
}

/** The statement that makes the rest of the transaction act as user `n` of `bench.users` (columns `n`, `claims`), as PostgREST does. */
export function benchUserClaims(role: "authenticated" | "service_role", n: string): string {
  return `select set_config('request.jwt.claims', claims, true) as bench_claims, set_config('role', '${role}', true) as bench_role from bench.users where n = ${n}`;
}

/**
 * The pgbench lines that open a transaction acting as user `n` (a pgbench variable by default) of
 * `bench.users`: the role and the user's claims, local to the transaction. \gset wants exactly one
 * row, so a user that does not exist stops the run instead of measuring a transaction without
 * claims, as the table's owner.
 */
export function actAsBenchUser(role: "authenticated" | "service_role" = "authenticated", n = ":u"): string {
  return `begin;\n${benchUserClaims(role, n)} \\gset`;
}
