import { ensurePackages, freePort, LocalCluster, resetDatabase } from "../scripts/lib/cluster.ts";

/**
 * Runs a benchmark on a throwaway cluster with every migration applied, and removes it afterwards.
 * Durable commits (fsync and synchronous_commit on), as in production.
 */
export async function withBenchCluster<T>(work: (cluster: LocalCluster) => Promise<T>): Promise<T> {
  ensurePackages();
  const cluster = new LocalCluster({ name: `bench-${process.pid}`, port: await freePort(54340) });
  try {
    cluster.init();
    cluster.start();
    cluster.bootstrap();
    resetDatabase(cluster.url);
    return await work(cluster);
  } finally {
    cluster.destroy();
  }
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
