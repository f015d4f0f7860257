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

export interface PgbenchRun {
  tps: number;
  /** Latency percentiles in ms, from pgbench's per-transaction log. */
  p50: number;
  p95: number;
  p99: number;
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
 * One pgbench run of a script (or a built-in workload) at `clients` connections (two threads at
 * most) for `seconds`; a transaction that fails or a client that aborts stops the benchmark.
 */
export function runPgbench(url: string, workload: string | { builtin: string }, clients: number, seconds: number, options: PgbenchOptions = {}): PgbenchRun {
  const dir = mkdtempSync(join(tmpdir(), "pgbench-"));
  const warmup = options.warmupSeconds ?? 0;
  try {
    const source = typeof workload === "string" ? ["-f", join(dir, "script.sql")] : ["-b", workload.builtin];
    if (typeof workload === "string") writeFileSync(join(dir, "script.sql"), `${workload.trim()}\n`);
    const startedAt = Date.now() / 1000;
    const { stdout } = run("/usr/lib/postgresql/15/bin/pgbench", [...source, "-n", "-c", String(clients), "-j", String(Math.min(clients, 2)),
      ...(options.prepared ? ["-M", "prepared"] : []),
      "-T", String(warmup + seconds), "-l", `--log-prefix=${join(dir, "log")}`, url], { cwd: dir });
    const tps = stdout.match(/tps = ([\d.]+)/);
    const failed = stdout.match(/number of failed transactions: (\d+)/);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    if ((failed && Number(failed[1]) > 0) || /aborted/.test(stdout)) throw new Error(`pgbench: transactions failed:\n${stdout}`);
    // Per-transaction log lines: client_id transaction_no latency_us script_no epoch epoch_us (when it ended).
    const transactions = readdirSync(dir).filter((f) => f.startsWith("log."))
      .flatMap((f) => readFileSync(join(dir, f), "utf8").trim().split("\n").map((line) => line.split(" ").map(Number)))
      .map((l) => ({ latencyMs: l[2] / 1000, endedAt: l[4] + l[5] / 1e6 }));
    // Counted: what ended after the warm-up (pgbench starts its clock once connected: from its first end on).
    // (reduce, not Math.min(...): a fast query logs more transactions than a call may take arguments)
    const countedFrom = warmup ? Math.max(startedAt, transactions.reduce((min, t) => Math.min(min, t.endedAt), Infinity)) + warmup : 0;
    const counted = transactions.filter((t) => t.endedAt >= countedFrom);
    const latencies = counted.map((t) => t.latencyMs).sort((a, b) => a - b);
    const lastEnd = counted.reduce((max, t) => Math.max(max, t.endedAt), countedFrom);
    const countedTps = warmup ? counted.length / (lastEnd - countedFrom) : Number(tps[1]);
    return { tps: countedTps, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
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
