import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const binDir = resolve(repoRoot, "node_modules/.bin");

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly status: number | null,
    readonly output: string,
  ) {
    super(`${command} exited with ${status}${output ? `:\n${output.trim()}` : ""}`);
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Print the command's output as it runs instead of capturing it. */
  inherit?: boolean;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  input?: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; throws CommandError (with its output) when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: options.inherit ? ["ignore", "inherit", "inherit"] : ["pipe", "pipe", "pipe"],
    input: options.input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const outcome = { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  if (outcome.status !== 0 && !options.allowFailure) {
    throw new CommandError([command, ...args].join(" "), outcome.status, outcome.stdout + outcome.stderr);
  }
  return outcome;
}

/** Runs a command asynchronously, streaming its output to ours; resolves with its exit code. */
export function runStreaming(command: string, args: string[], options: SpawnOptions & { tee?: (chunk: string) => void } = {}): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      ...options,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      options.tee?.(chunk.toString("utf8"));
    };
    child.stdout!.on("data", forward(process.stdout));
    child.stderr!.on("data", forward(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise(code ?? 1));
  });
}

/** Our own tool from node_modules/.bin, so the versions in package-lock.json are the ones used. */
export function localBin(name: string): string {
  return resolve(binDir, name);
}

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
