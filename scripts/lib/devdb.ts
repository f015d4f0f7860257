import { ensurePackages, isPortFree, LocalCluster, resetDatabase } from "./cluster.ts";

// LOCAL_DB_PORT lets a second checkout (a git worktree) keep its own dev cluster beside this one.
export const devPort = Number(process.env.LOCAL_DB_PORT ?? 54322);

/** The developer's database: SUPABASE_DB_URL when set (e.g. `supabase start`), else our local cluster. */
export interface DevDatabase {
  url: string;
  /** Our own cluster, or undefined when the database is someone else's (SUPABASE_DB_URL). */
  cluster?: LocalCluster;
}

export function devCluster(): LocalCluster {
  return new LocalCluster({ name: "dev", port: devPort });
}

/** Starts (creating, bootstrapping and migrating when new) the local cluster; idempotent. */
export async function startDevDatabase(): Promise<DevDatabase> {
  const external = process.env.SUPABASE_DB_URL;
  if (external) return { url: external };
  ensurePackages();
  const cluster = devCluster();
  if (cluster.isInitialized() && !cluster.isReady()) {
    // Built by another version of scripts/bootstrap (or never finished): migrations and seed are
    // re-applied from zero anyway, so the cluster is built anew rather than patched.
    console.log(`Rebuilding the local database in ${cluster.dir}: its platform bootstrap is out of date.`);
    cluster.destroy();
  }
  if (cluster.isRunning()) {
    if (cluster.runningPort() !== devPort) throw new Error(`the dev cluster in ${cluster.dir} runs on port ${cluster.runningPort()}, not ${devPort}`);
    return { url: cluster.url, cluster };
  }
  if (!(await isPortFree(devPort))) {
    throw new Error(`127.0.0.1:${devPort} is taken by another process; stop it or set SUPABASE_DB_URL to use that database`);
  }
  if (!cluster.isInitialized()) cluster.init();
  cluster.start();
  if (!cluster.isReady()) {
    cluster.bootstrap();
    resetDatabase(cluster.url);
    cluster.markReady();
  } else {
    cluster.ensureRealtimePartitions();
  }
  return { url: cluster.url, cluster };
}
