// What a benchmark run leaves beside its table in docs/performance.md: its figures as JSON in
// docs/performance/<bench>.json, which `npm run docs:plots` turns into an SVG chart. One point per
// figure; the chart is a line over x (TPS against clients, p95 against size) or grouped bars.
import { cpus, loadavg, totalmem } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "../scripts/lib/process.ts";
import { percentile } from "./cluster.ts";

export interface BenchPoint {
  series: string;
  x: number | string;
  y: number;
}

export interface BenchChart {
  mark: "line" | "bar";
  x: string;
  y: string;
  /** Line charts over client counts or table sizes read better on a log scale. */
  xLog?: boolean;
  points: BenchPoint[];
}

export interface BenchResult {
  bench: string;
  title: string;
  date: string;
  machine: string;
  chart: BenchChart;
}

export const resultsDir = resolve(repoRoot, "docs/performance");

/** The machine as a reader needs it to weigh the figures; BENCH_NOTE adds what the numbers cannot say. */
export function machineNote(): string {
  const cpu = cpus();
  const note = [`${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"})`, `${Math.round(totalmem() / 2 ** 30)} GiB`,
    `load average ${loadavg()[0].toFixed(1)} at the end`, `Node ${process.version}`, "PostgreSQL 15"];
  if (process.env.BENCH_NOTE) note.push(process.env.BENCH_NOTE);
  return note.join(", ");
}

export function saveBenchResult(bench: string, title: string, chart: BenchChart): string {
  const result: BenchResult = { bench, title, date: new Date().toISOString().slice(0, 10), machine: machineNote(), chart };
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, `${bench}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return file;
}

/** p50, p95 and p99 of one series of latency samples (ms), as chart points. */
export function latencyPoints(series: string, samples: number[]): BenchPoint[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => ({ series, x: `p${p}`, y: Number(percentile(sorted, p).toFixed(2)) }));
}
