// npm run db:start | db:reset | db:stop — the Docker-free local database.
import { resetDatabase } from "./lib/cluster.ts";
import { devCluster, startDevDatabase } from "./lib/devdb.ts";
import { CommandError } from "./lib/process.ts";

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "start": {
      const { url } = await startDevDatabase();
      console.log(`SUPABASE_DB_URL=${url}`);
      return;
    }
    case "reset": {
      const { url } = await startDevDatabase();
      resetDatabase(url);
      console.log("Migrations and seed re-applied.");
      console.log(`SUPABASE_DB_URL=${url}`);
      return;
    }
    case "stop": {
      if (process.env.SUPABASE_DB_URL) {
        console.log("SUPABASE_DB_URL is set: that database is not ours to stop.");
        return;
      }
      const cluster = devCluster();
      const wasRunning = cluster.isRunning();
      cluster.stop();
      console.log(wasRunning ? "Local database stopped." : "Local database was not running.");
      return;
    }
    default:
      throw new Error("usage: tsx scripts/db.ts start|reset|stop");
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof CommandError || error instanceof Error ? error.message : error);
  process.exit(1);
});
