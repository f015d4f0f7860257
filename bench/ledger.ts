// npm run bench:ledger — pgbench against the ledger and against seed 001's own wallet design, on a
// throwaway cluster, at 1, 8 and 32 clients. Prints TPS and the ratios the ledger issue sets as goals.
// Not a test: figures depend on the machine; only the ratios, measured in the same run, mean much.
import { resolve } from "node:path";
import { repoRoot, run } from "../scripts/lib/process.ts";
import { psql, runPgbench, withBenchCluster } from "./cluster.ts";
import { saveBenchResult } from "./results.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clientCounts = [1, 8, 32];
const users = 10_000;

// Each workload is a pgbench script; bench.n maps 1..10000 to users and their accounts (0: platform revenue).
const workloads: Record<string, string> = {
  "a. ledger: user-to-user transfers, 10,000 accounts": `
\\set a random(1, ${users})
\\set b 1 + (:a + random(0, ${users - 2})) % ${users}
select billing.transfer((select account_id from bench.n where n = :a), (select account_id from bench.n where n = :b), 1, 'payment', gen_random_uuid()::text);`,
  "b. ledger: spends by 10,000 users into revenue": `
\\set a random(1, ${users})
select billing.transfer((select account_id from bench.n where n = :a), (select account_id from bench.n where n = 0), 1, 'usage', gen_random_uuid()::text);`,
  "c. ledger: spends from one user account": `
select billing.transfer((select account_id from bench.n where n = 1), (select account_id from bench.n where n = 0), 1, 'usage', gen_random_uuid()::text);`,
  "d1. seed design: update_wallet_balance, 10,000 users": `
\\set a random(1, ${users})
select seed_baseline.update_wallet_balance((select user_id from bench.n where n = :a), -0.01, 'payment', '{}');`,
  "d2. seed design: update_wallet_balance, one user": `
select seed_baseline.update_wallet_balance((select user_id from bench.n where n = 1), -0.01, 'payment', '{}');`,
};

async function main(): Promise<void> {
  console.log("Preparing a throwaway cluster with every migration and 10,000 users...");
  await withBenchCluster(async (cluster) => {
    run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", resolve(repoRoot, "bench/seed_update_wallet_balance.sql")]);
    psql(cluster.url, `
      insert into auth.users (id, aud, role, email, created_at, updated_at)
        select gen_random_uuid(), 'authenticated', 'authenticated', 'bench-' || i || '@example.com', now(), now()
        from generate_series(1, ${users}) i;
      create schema bench;
      create table bench.n (n int primary key, user_id uuid, account_id uuid);
      insert into bench.n select row_number() over (order by id), id, billing.user_account(id, 'CREDIT') from auth.users;
      insert into bench.n values (0, null, billing.platform_account('revenue', 'CREDIT'));
      select count(billing.transfer(billing.platform_account('promotions', 'CREDIT'), account_id, 1000000000, 'bonus', 'bench-' || n))
        from bench.n where n > 0;
      insert into seed_baseline.user_wallets (user_id, balance) select user_id, 1000000000 from bench.n where n > 0;`);
    psql(cluster.url, "vacuum analyze");
    run("/usr/lib/postgresql/15/bin/pgbench", ["-i", "-q", "-s", "1", cluster.url]);

    const results: { name: string; tps: number[] }[] = [];
    for (const [name, script] of Object.entries(workloads)) {
      results.push({ name, tps: clientCounts.map((c) => runPgbench(cluster.url, script, c, seconds).tps) });
      console.log(`  ${name}: done`);
    }
    results.push({ name: "e. pgbench built-in tpcb-like", tps: clientCounts.map((c) => runPgbench(cluster.url, { builtin: "tpcb-like" }, c, seconds).tps) });

    const at8 = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!.tps[1];
    console.log(`\nTPS, ${seconds} s per run, durable commits, 2 pgbench threads\n`);
    console.log(`| workload | ${clientCounts.map((c) => `${c} client${c > 1 ? "s" : ""}`).join(" | ")} |`);
    console.log(`|---|${clientCounts.map(() => "---:").join("|")}|`);
    for (const r of results) console.log(`| ${r.name} | ${r.tps.map((t) => t.toFixed(0)).join(" | ")} |`);
    const goals = [
      ["a / d1 (goal >= 0.5)", at8("a.") / at8("d1.")],
      ["b / a (goal >= 0.8)", at8("b.") / at8("a.")],
      ["c / d2 (goal >= 0.8)", at8("c.") / at8("d2.")],
    ] as const;
    console.log(`\nRatios at 8 clients\n`);
    for (const [name, ratio] of goals) console.log(`| ${name} | ${ratio.toFixed(2)} |`);
    const file = saveBenchResult("ledger", `Ledger TPS against clients (pgbench, ${seconds} s per run, durable commits)`, {
      mark: "line", x: "clients", y: "transactions per second", xLog: true,
      points: results.flatMap((r) => clientCounts.map((clients, i) => ({ series: r.name, x: clients, y: Math.round(r.tps[i]) }))),
    });
    console.log(`\nFigures: ${file}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
