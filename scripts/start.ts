// npm start — the local backend without Docker: database (npm run db:start) plus every edge function
// served with Deno on 127.0.0.1:54321, and the scheduler that calls functions on the schedule of
// private.scheduled_jobs. Stays in the foreground; Ctrl-C stops what it started.
import postgres from "postgres";
import { devCluster, startDevDatabase } from "./lib/devdb.ts";
import { startFunctionsServer, stripeWebhookSecret } from "./lib/functions.ts";
import { isPortFree } from "./lib/cluster.ts";
import { jwtSecret } from "./lib/keys.ts";
import { edgeFunctions } from "./lib/project.ts";
import { startScheduler } from "./lib/scheduler.ts";

const functionsPort = 54321;
// How often the local scheduler looks for due jobs (pg_cron does once a minute on the platform).
const schedulerIntervalSeconds = Number(process.env.SCHEDULER_INTERVAL_SECONDS ?? 10);

async function main(): Promise<void> {
  if (!Number.isFinite(schedulerIntervalSeconds) || schedulerIntervalSeconds < 1) {
    throw new Error("SCHEDULER_INTERVAL_SECONDS is a number of seconds, at least 1");
  }
  const databaseWasRunning = !process.env.SUPABASE_DB_URL && devCluster().isRunning();
  const database = await startDevDatabase();
  const stopDatabase = () => {
    if (database.cluster && !databaseWasRunning) database.cluster.stop();
  };
  if (!(await isPortFree(functionsPort))) {
    stopDatabase();
    throw new Error(`127.0.0.1:${functionsPort} is taken; is npm start already running?`);
  }
  let functions;
  try {
    functions = await startFunctionsServer({ port: functionsPort, dbUrl: database.url, inheritOutput: true });
  } catch (error) {
    stopDatabase();
    throw error;
  }

  // The same schedule as pg_cron's on the platform, from the same table (scripts/lib/scheduler.ts).
  const schedulerSql = postgres(database.url, { max: 2, connect_timeout: 5, onnotice: () => {} });
  const scheduler = startScheduler({
    sql: schedulerSql,
    functionsUrl: `${functions.url}/functions/v1`,
    serviceRoleKey: functions.serviceRoleKey,
    intervalMs: schedulerIntervalSeconds * 1000,
    log: (line) => console.log(`scheduler: ${line}`),
  });

  console.log(`
Local backend is running.
SUPABASE_DB_URL=${database.url}
FUNCTIONS_URL=${functions.url}/functions/v1
${edgeFunctions().map((f) => `  ${functions.url}/functions/v1/${f.name}${f.verifyJwt ? "  (JWT required)" : ""}`).join("\n")}
SUPABASE_JWT_SECRET=${jwtSecret}
SUPABASE_JWKS_URL=${functions.url}/auth/v1/.well-known/jwks.json  (ES256 key of this run)
SUPABASE_ANON_KEY=${functions.anonKey}
SUPABASE_SERVICE_ROLE_KEY=${functions.serviceRoleKey}
STRIPE_WEBHOOK_SECRET=${stripeWebhookSecret}
Scheduler: every ${schedulerIntervalSeconds} s, the due jobs of private.scheduled_jobs
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping...");
    await scheduler.stop();
    await schedulerSql.end();
    await functions.stop();
    stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  functions.process.once("exit", (code, signal) => {
    if (stopping) return;
    // Ctrl-C reaches the whole foreground group, Deno included: that is a stop, not a crash.
    if (signal === "SIGINT" || signal === "SIGTERM") return void shutdown(0);
    console.error(`the functions server exited with ${code}`);
    void shutdown(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
