// npm run bench:leaderboard — the studio's leaderboards on a throwaway cluster: 1,000 games and
// 1,000,000 leaderboard rows (10 hot games with 20,000 players each, the rest spread over 990 games).
//   submissions  at 1, 8 and 32 clients on the 10 hot games: the leaderboard write finish_game makes
//                (private.studio_record_score: keep the best, and move the player between the game's
//                score buckets) against a plain upsert of the same rows into the same table with the
//                bucket trigger off, i.e. the table without ranks, in the same run (goal >= 0.7x); and,
//                for scale, the whole player path (start_game + finish_game as a signed-in user, one
//                transaction).
//   reads        a hot game's top 100 (studio.game_leaderboard) and one player's rank
//                (studio.game_rank), p50/p95 per query from pgbench's per-transaction log (goal p95 < 10 ms);
//                and, beside the goal, a page from the middle of a hot board.
// BENCH_PLAYERS and BENCH_ROWS make a smaller run for trying things (defaults 20,000 and 1,000,000).
// Not a test: figures depend on the machine; the ratio, measured in the same run, is what means much.
import { run } from "../scripts/lib/process.ts";
import { psql, runPgbench, withBenchCluster } from "./cluster.ts";
import { saveBenchResult } from "./results.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const readSeconds = Number(process.env.BENCH_READ_SECONDS ?? 5);
const clientCounts = [1, 8, 32];
const players = Number(process.env.BENCH_PLAYERS ?? 20_000);
const hotGames = 10;
const games = 1_000;
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);

const pick = `
\\set g random(1, ${hotGames})
\\set u random(1, ${players})
\\set s random(0, 1000000)`;
const game = "(select game_id from bench.games where n = :g)";
const user = "(select user_id from bench.players where n = :u)";

const writes: Record<string, string> = {
  plain: `${pick}
insert into studio.game_leaderboards (game_id, user_id, score, achieved_at) values (${game}, ${user}, :s, now())
on conflict (game_id, user_id) do update set score = excluded.score, achieved_at = excluded.achieved_at;`,
  submission: `${pick}
select private.studio_record_score(${game}, ${user}, :s, null);`,
  player: `${pick}
begin;
select set_config('request.jwt.claims', json_build_object('sub', ${user}, 'role', 'authenticated')::text, true);
select (studio.finish_game((studio.start_game(${game}, gen_random_uuid()::text)).id, :s)).status;
commit;`,
};

const reads: Record<string, string> = {
  "top 100 of a hot game": `
\\set g random(1, ${hotGames})
select count(*) from studio.game_leaderboard(${game}, 100);`,
  [`a page from the middle of a hot game (offset ${Math.floor(players / 2).toLocaleString("en")})`]: `
\\set g random(1, ${hotGames})
select count(*) from studio.game_leaderboard(${game}, 100, ${Math.floor(players / 2)});`,
  "one player's rank in a hot game": `
\\set g random(1, ${hotGames})
\\set u random(1, ${players})
select rank from studio.game_rank(${game}, ${user});`,
};

async function main(): Promise<void> {
  console.log(`Preparing a throwaway cluster with every migration, ${games} games and ${rows.toLocaleString("en")} leaderboard rows...`);
  await withBenchCluster(async (cluster) => {
    const perColdGame = Math.ceil((rows - hotGames * players) / (games - hotGames));
    psql(cluster.url, `
      insert into auth.users (id, aud, role, email, created_at, updated_at)
        select gen_random_uuid(), 'authenticated', 'authenticated', 'player-' || i || '@bench.example', now(), now()
        from generate_series(1, ${players}) i;
      create schema bench;
      create table bench.players (n int primary key, user_id uuid not null);
      insert into bench.players select row_number() over (order by id), id from auth.users;
      insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
        select 'bench-' || i, 'Bench game ' || i, 'arcade', 0, 1000000, 0 from generate_series(1, ${games}) i;
      create table bench.games (n int primary key, game_id uuid not null);
      insert into bench.games select row_number() over (order by slug), id from studio.games_catalog where slug like 'bench-%';
      -- Hot games (n <= ${hotGames}): every player; the others: ${perColdGame} players each. Loaded
      -- with the bucket trigger off and counted once per game afterwards (a million row triggers
      -- would only make the load slower).
      alter table studio.game_leaderboards disable trigger count_score;
      insert into studio.game_leaderboards (game_id, user_id, score, achieved_at)
        select g.game_id, p.user_id, (random() * 1000000)::bigint, now() - random() * interval '30 days'
          from bench.games g join bench.players p on g.n <= ${hotGames}
               or (p.n - 1 + g.n * 7919) % ${players} < ${perColdGame};
      alter table studio.game_leaderboards enable trigger count_score;
      select count(private.studio_recount_score_buckets(game_id)) from bench.games;`);
    psql(cluster.url, "vacuum analyze");
    const [count] = run("psql", [cluster.url, "-At", "-X", "-c", "select count(*) from studio.game_leaderboards"]).stdout.trim().split("\n");
    console.log(`  ${Number(count).toLocaleString("en")} leaderboard rows`);

    const writeTps: Record<string, number[]> = { plain: [], submission: [], player: [] };
    // The baseline is the table without ranks: its upserts skip the bucket trigger, and the hot games
    // are counted again afterwards so the next runs start from exact buckets.
    const write = (name: string, c: number, s: number): number => {
      if (name === "plain") psql(cluster.url, "alter table studio.game_leaderboards disable trigger count_score");
      const { tps } = runPgbench(cluster.url, writes[name], c, s);
      if (name === "plain") {
        psql(cluster.url, `alter table studio.game_leaderboards enable trigger count_score;
          select count(private.studio_recount_score_buckets(game_id)) from bench.games where n <= ${hotGames};`);
      }
      return tps;
    };
    for (const c of clientCounts) {
      // The goal's two workloads twice each, a b b a, so a machine whose load drifts during the run
      // weighs on both alike; each figure is the mean of its two runs. (Runs shorter than about 10 s
      // at 32 clients can end before a loaded machine has finished connecting them.)
      const [a1, b1, b2, a2] = [write("plain", c, seconds), write("submission", c, seconds), write("submission", c, seconds), write("plain", c, seconds)];
      writeTps.plain.push((a1 + a2) / 2);
      writeTps.submission.push((b1 + b2) / 2);
      writeTps.player.push(write("player", c, seconds));
      console.log(`  writes at ${c} client${c > 1 ? "s" : ""}: done`);
    }

    // The counts after all those concurrent writes equal a recount of the hot boards (else the run stops).
    const drift = psql(cluster.url, `
      with kept as (select game_id, bucket, shard, players from studio.game_score_buckets
                     where game_id in (select game_id from bench.games where n <= ${hotGames}) and players > 0),
      recount as (select l.game_id, private.studio_score_bucket(l.score, g.min_score, g.max_score), private.studio_score_shard(l.user_id), count(*)::int
                    from studio.game_leaderboards l join studio.games_catalog g on g.id = l.game_id
                   where l.game_id in (select game_id from bench.games where n <= ${hotGames}) group by 1, 2, 3)
      select (select count(*) from (select * from kept except select * from recount) a) + (select count(*) from (select * from recount except select * from kept) b)`).trim();
    if (drift !== "0") throw new Error(`the score buckets of the hot games differ from a recount in ${drift} rows`);
    console.log("  score buckets of the hot games equal a recount");

    // Reads twice: right after the writes (the hot boards' pages lost their all-visible bits, so a
    // rank's count visits the heap), and after the vacuum autovacuum would run (run here, to not wait).
    const readLatencies: { phase: string; name: string; clients: number; p50: number; p95: number; tps: number }[] = [];
    for (const phase of ["right after the writes", "after vacuum"]) {
      if (phase === "after vacuum") psql(cluster.url, "vacuum studio.game_leaderboards");
      for (const [name, script] of Object.entries(reads)) {
        for (const c of [1, 8]) {
          const { p50, p95, tps } = runPgbench(cluster.url, script, c, readSeconds);
          readLatencies.push({ phase, name, clients: c, p50, p95, tps });
        }
      }
    }

    console.log(`\nSubmissions on ${hotGames} hot games, TPS, ${seconds} s per run (a and b run twice, a b b a, mean shown), durable commits, 2 pgbench threads\n`);
    console.log(`| workload | ${clientCounts.map((c) => `${c} client${c > 1 ? "s" : ""}`).join(" | ")} |`);
    console.log(`|---|${clientCounts.map(() => "---:").join("|")}|`);
    console.log(`| a. plain upsert into game_leaderboards (no bucket trigger) | ${writeTps.plain.map((t) => t.toFixed(0)).join(" | ")} |`);
    console.log(`| b. submission (studio_record_score, best kept, buckets moved) | ${writeTps.submission.map((t) => t.toFixed(0)).join(" | ")} |`);
    console.log(`| c. player path (start_game + finish_game) | ${writeTps.player.map((t) => t.toFixed(0)).join(" | ")} |`);
    console.log(`| b / a (goal >= 0.7) | ${clientCounts.map((_, i) => (writeTps.submission[i] / writeTps.plain[i]).toFixed(2)).join(" | ")} |`);
    console.log(`| c / a | ${clientCounts.map((_, i) => (writeTps.player[i] / writeTps.plain[i]).toFixed(2)).join(" | ")} |`);
    console.log(`\nReads, ${readSeconds} s per run (goal p95 < 10 ms)\n`);
    console.log("| query | when | clients | p50 ms | p95 ms | TPS |");
    console.log("|---|---|---:|---:|---:|---:|");
    for (const r of readLatencies) {
      console.log(`| ${r.name} | ${r.phase} | ${r.clients} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.tps.toFixed(0)} |`);
    }
    const labels: Record<string, string> = { plain: "a. plain upsert (baseline)", submission: "b. submission, best kept", player: "c. start_game + finish_game" };
    const file = saveBenchResult("leaderboard", `Leaderboard submissions on ${hotGames} hot games: TPS against clients (${seconds} s per run)`, {
      mark: "line", x: "clients", y: "transactions per second", xLog: true,
      points: Object.entries(writeTps).flatMap(([name, tps]) => clientCounts.map((clients, i) => ({ series: labels[name], x: clients, y: Math.round(tps[i]) }))),
    });
    console.log(`\nFigures: ${file}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
