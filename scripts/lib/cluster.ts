import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { isRoot, localBin, repoRoot, run } from "./process.ts";
import { apiSchemas } from "./project.ts";

/** PostgreSQL 15 from the machine's Debian packages; the stack targets Supabase's major version. */
const pgBinDir = "/usr/lib/postgresql/15/bin";
const extensionDir = "/usr/share/postgresql/15/extension";
let localDbRootFound: string | undefined;

/**
 * Where the local clusters live: `.local-db` in the checkout. As root the server runs as the postgres
 * OS user, which cannot enter a checkout under a private directory (a clone in `mktemp -d`, mode
 * 0700): such a checkout's clusters live in the system's temporary directory, in a folder named
 * after the checkout. (Asked once the packages, and so the postgres user, are there.)
 */
function localDbRoot(): string {
  const inCheckout = resolve(repoRoot, ".local-db");
  if (!isRoot || run("id", ["-u", "postgres"], { allowFailure: true }).status !== 0) return inCheckout;
  localDbRootFound ??= run("runuser", ["-u", "postgres", "--", "test", "-x", repoRoot], { allowFailure: true }).status === 0
    ? inCheckout
    : resolve(tmpdir(), `local-db-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 12)}`);
  return localDbRootFound;
}
const password = "postgres";

/** What the stack needs from Debian: the file that proves each package is there. */
const requiredPackages: { pkg: string; present: () => boolean }[] = [
  { pkg: "postgresql-15", present: () => existsSync(`${pgBinDir}/postgres`) },
  { pkg: "postgresql-client-15", present: () => onPath("psql") },
  { pkg: "postgresql-15-pgtap", present: () => existsSync(`${extensionDir}/pgtap.control`) },
  { pkg: "libtap-parser-sourcehandler-pgtap-perl", present: () => onPath("pg_prove") },
  { pkg: "postgresql-15-plpgsql-check", present: () => existsSync(`${extensionDir}/plpgsql_check.control`) },
  { pkg: "postgresql-15-postgis-3", present: () => existsSync(`${extensionDir}/postgis.control`) },
  { pkg: "postgresql-15-cron", present: () => existsSync(`${extensionDir}/pg_cron.control`) },
];

function onPath(command: string): boolean {
  return run("sh", ["-c", `command -v ${command}`], { allowFailure: true }).status === 0;
}

/** Installs missing Debian packages when we are root with apt; otherwise says what to run and stops. */
export function ensurePackages(): void {
  const missing = requiredPackages.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return;
  const install = `apt-get install -y ${missing.join(" ")}`;
  if (!isRoot || !onPath("apt-get")) {
    console.error(`Missing Debian packages: ${missing.join(", ")}.\nInstall them with:\n  sudo apt-get update && sudo ${install}`);
    process.exit(1);
  }
  console.log(`Installing missing Debian packages: ${missing.join(", ")}`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env, inherit: true });
  run("apt-get", ["install", "-y", "-qq", ...missing], { env, inherit: true });
}

/** The server binaries refuse to run as root: run them as the postgres OS user then. */
function asServerUser(command: string, args: string[]) {
  const binary = `${pgBinDir}/${command}`;
  return isRoot ? run("runuser", ["-u", "postgres", "--", binary, ...args]) : run(binary, args);
}

export function databaseUrl(port: number, user = "postgres"): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once("error", () => resolvePromise(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolvePromise(true)));
  });
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) if (await isPortFree(port)) return port;
  throw new Error(`no free port in ${from}..${from + 199}`);
}

export interface ClusterOptions {
  /** Folder of the cluster under .local-db/ (see localDbRoot). */
  name: string;
  port: number;
  /** A throwaway cluster trades durability for speed. */
  throwaway?: boolean;
}

/** One PostgreSQL cluster in a git-ignored folder of the project, listening on 127.0.0.1 only. */
export class LocalCluster {
  readonly dir: string;
  readonly dataDir: string;
  readonly url: string;
  readonly adminUrl: string;

  constructor(readonly options: ClusterOptions) {
    this.dir = resolve(localDbRoot(), options.name);
    this.dataDir = resolve(this.dir, "data");
    this.url = databaseUrl(options.port);
    this.adminUrl = databaseUrl(options.port, "supabase_admin");
  }

  get logFile(): string {
    return resolve(this.dir, "postgres.log");
  }

  /** Set once the platform bootstrap and the first migration run have finished. */
  private get readyMarker(): string {
    return resolve(this.dir, "ready");
  }

  isInitialized(): boolean {
    return existsSync(resolve(this.dataDir, "PG_VERSION"));
  }

  /** Ready, and bootstrapped by the platform.sql of this checkout (a changed one is applied again). */
  isReady(): boolean {
    return existsSync(this.readyMarker) && readFileSync(this.readyMarker, "utf8").trim() === bootstrapVersion();
  }

  markReady(): void {
    writeFileSync(this.readyMarker, `${bootstrapVersion()}\n`);
  }

  isRunning(): boolean {
    if (!this.isInitialized()) return false;
    try {
      asServerUser("pg_ctl", ["status", "-D", this.dataDir]);
      return true;
    } catch {
      return false;
    }
  }

  /** The port a running cluster of this folder listens on (it may differ from the one asked for). */
  runningPort(): number | undefined {
    const pidFile = resolve(this.dataDir, "postmaster.pid");
    if (!existsSync(pidFile)) return undefined;
    return Number(readFileSync(pidFile, "utf8").split("\n")[3]);
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
    const passwordFile = resolve(this.dir, "pwfile");
    writeFileSync(passwordFile, password);
    if (isRoot) {
      for (const path of [localDbRoot(), this.dir, passwordFile]) chownSync(path, postgresUid(), postgresGid());
    }
    asServerUser("initdb", [
      "-D", this.dataDir, "-U", "supabase_admin", `--pwfile=${passwordFile}`,
      "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
    ]);
    rmSync(passwordFile);
    const settings = [
      "listen_addresses = '127.0.0.1'",
      `port = ${this.options.port}`,
      `unix_socket_directories = '${this.dir}'`,
      // pg_cron and pg_stat_statements must be preloaded; Supabase's image preloads both.
      "shared_preload_libraries = 'pg_stat_statements, pg_cron'",
      "cron.database_name = 'postgres'",
      "wal_level = logical",
      // Room for the concurrency tests: 200 connections at once, beside the tests' own and pg_cron's.
      "max_connections = 300",
      "timezone = 'UTC'",
      ...(this.options.throwaway
        ? ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        : []),
    ];
    writeFileSync(resolve(this.dataDir, "postgresql.conf"), `\n# Docker-free Supabase stack\n${settings.join("\n")}\n`, { flag: "a" });
  }

  start(): void {
    asServerUser("pg_ctl", ["start", "-w", "-t", "60", "-D", this.dataDir, "-l", this.logFile, "-o", `-p ${this.options.port}`]);
  }

  stop(): void {
    if (this.isRunning()) asServerUser("pg_ctl", ["stop", "-w", "-m", "fast", "-D", this.dataDir]);
  }

  destroy(): void {
    try {
      this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /**
   * Gives the plain cluster what a Supabase database has before our migrations, as supabase_admin
   * (the platform's own superuser). Everything after it (migrations, seed, tests) runs as the
   * non-superuser postgres, as on hosted projects.
   */
  bootstrap(): void {
    run("psql", [
      this.adminUrl, "-q", "-X", "-v", "ON_ERROR_STOP=1",
      "-v", `api_schemas=${apiSchemas().join(", ")}`,
      "-f", resolve(repoRoot, "scripts/bootstrap/platform.sql"),
    ]);
    this.ensureRealtimePartitions();
  }

  /** The daily realtime.messages partitions around today, which the Realtime service keeps on the platform. */
  ensureRealtimePartitions(): void {
    run("psql", [this.adminUrl, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", resolve(repoRoot, "scripts/bootstrap/realtime-partitions.sql")]);
  }
}

/**
 * A URL that also carries PostgREST's `pgrst.db_schemas` (`[api] schemas`) as a session setting,
 * for the advisors' lints that read it: on the platform it is a setting of the authenticator role,
 * which postgres does not see.
 */
export function withApiSchemas(url: string): string {
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}options=${encodeURIComponent(`-c pgrst.db_schemas=${apiSchemas().join(",")}`)}`;
}

/** A hash of the bootstrap files, so a cluster built by an older bootstrap is brought up to date. */
function bootstrapVersion(): string {
  const hash = createHash("sha256");
  for (const file of ["platform.sql", "realtime-partitions.sql"]) hash.update(readFileSync(resolve(repoRoot, "scripts/bootstrap", file)));
  return hash.digest("hex");
}

function postgresUid(): number {
  return Number(run("id", ["-u", "postgres"]).stdout.trim());
}

function postgresGid(): number {
  return Number(run("id", ["-g", "postgres"]).stdout.trim());
}

/**
 * The real Supabase CLI against a database URL. The CLI takes 127.0.0.1 at `[db] port` for its
 * Docker stack and then insists on Docker; moving the ports it believes that stack has (for this
 * call only) makes it treat our cluster as the plain Postgres it is.
 */
export function supabaseCli(args: string[], options: { allowFailure?: boolean } = {}) {
  return run(localBin("supabase"), args, {
    allowFailure: options.allowFailure,
    env: { SUPABASE_DB_PORT: "1", SUPABASE_DB_SHADOW_PORT: "2", SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
}

/** Applies every migration and the seed from zero with the real Supabase CLI. */
export function resetDatabase(url: string): void {
  supabaseCli(["db", "reset", `--remote=${url}`, "--yes"]);
}
