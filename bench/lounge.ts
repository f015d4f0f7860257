// npm run bench:lounge — the lounge's rooms under load, on a throwaway cluster: 10,000 rooms of 50 and
// 100,000 users, each seated (100,000 open memberships). pgbench measures, as PostgREST calls them
// (role authenticated and the user's claims, one transaction per RPC):
//   - join-or-matchmake then leave (1 in 10 a matchmake, else a join of a random room) at 1, 8 and 32
//     clients, against a bare membership insert and update (no RLS, no capacity, no events) in the same run;
//     presence commits without waiting for the WAL flush (occupancy.async_commit), and is measured with
//     durable commits too (the bare rows are always durable); the join and the leave are each their own
//     pgbench transaction, so that the p95 of a join request is measured apart from the leave's;
//   - lounge.heartbeat() and the `room:` topic check (private.can_use_topic, what the realtime.messages
//     policies run): the latency one caller sees (1 client: at 8 clients on 2 cores a call mostly waits
//     for a core, p95 = queueing), the throughput at 8 clients, and each timed inside Postgres (2,000
//     calls, no round trips).
// Prints TPS (a join and its leave count once), p95 latencies and the number of rooms above capacity at the end (must be 0).
// Not a test: figures depend on the machine; the ratio to the bare figure, measured in the same run, means more.
import { run } from "../scripts/lib/process.ts";
import { actAsBenchUser, poolRuns, psql, runPgbench, withBenchCluster, type PgbenchRun } from "./cluster.ts";
import { saveBenchResult } from "./results.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Passes over the workloads at each number of clients: each workload's runs alternate with the others' (BENCH_PASSES).
const passes = Number(process.env.BENCH_PASSES ?? 2);
const clientCounts = [1, 8, 32];
// Smaller sizes for a quick run while iterating: BENCH_USERS=20000 BENCH_ROOMS=2000.
const users = Number(process.env.BENCH_USERS ?? 100_000);
const rooms = Number(process.env.BENCH_ROOMS ?? 10_000);

// Acts as a random user, the way PostgREST does (claims and role in the transaction).
const asRandomUser = `
\\set u random(1, ${users})
\\set r random(1, ${rooms})
${actAsBenchUser()}`;

// A join (or matchmake) and the same user's leave: two requests, each step its own transaction and
// latency; the figures of a round (joins a second) count both.
const joinThenLeave = {
  steps: [`
\\set m random(1, 10)
${asRandomUser}
\\if :m = 1
select lounge.matchmake(region, theme) from bench.rooms where n = :r;
\\else
select lounge.join_room((select id from bench.rooms where n = :r));
\\endif
commit;`, `
${actAsBenchUser()}
select lounge.leave_room();
commit;`],
};

// The same two writes by hand: a membership row inserted, then closed (a bigint id: pgbench passes it on as text).
const bare = {
  steps: [`
\\set u random(1, ${users})
\\set r random(1, ${rooms})
begin;
insert into bench.bare_memberships (room_id, user_id, join_source)
  select (select id from bench.rooms where n = :r), (select id from bench.users where n = :u), 'direct' returning id \\gset
commit;`, `
begin;
update bench.bare_memberships set left_at = now() where id = :id;
commit;`],
};

const heartbeat = `${asRandomUser}
select lounge.heartbeat();
commit;`;

// A seated user's own room, checked as Realtime's policies check it.
const topicCheck = `${asRandomUser}
select private.can_use_topic('room:' || room_id::text) from bench.users where n = :u;
commit;`;

// Before each run, every user seated again (a run's scripts end with a leave) and every seat seen now
// (the load takes longer than the 90 s after which an unseen seat is gone): each run starts from the
// same 100,000 open memberships, and its joins are moves out of a room, as when the load began. Then
// every table the runs write is vacuumed and analyzed, so that the autovacuum and autoanalyze their
// writes call for run here and not during a measurement (an ANALYZE of the seats and of the day's
// events was seen inside a 32-client run, each taking a core of the two for a while).
const seatEveryone = (url: string) => {
  psql(url, `
    insert into public.seats (id, kind, place_id, user_id, source)
      select gen_random_uuid(), 'lounge_room', u.room_id, u.id, 'direct' from bench.users u
       where not exists (select from public.seats s where s.kind = 'lounge_room' and s.user_id = u.id and s.left_at is null);
    select private.lounge_recount_occupancy();
    update public.seats set last_seen_at = now() where kind = 'lounge_room' and left_at is null;`);
  psql(url, "vacuum analyze public.seats, lounge.rooms, audit.analytics_events, private.rate_limits, bench.bare_memberships");
};
// As PostgREST calls the database: prepared statements, and warm pooled connections (5 s not counted).
const pgbenchOptions = { prepared: true, warmupSeconds: 5 };
// Presence commits without waiting for the WAL flush unless occupancy.async_commit is false (the durable rows).
const setAsyncCommit = (url: string, on: boolean) =>
  psql(url, `update private.system_configuration set config_value = '${on}' where config_key = 'occupancy.async_commit'`);

await withBenchCluster(async (cluster) => {
  const url = cluster.url;
  console.log(`Loading ${users.toLocaleString("en")} users, ${rooms.toLocaleString("en")} rooms of 50 and an open membership for each user...`);
  psql(url, `
    insert into auth.users (id, aud, role, email, created_at, updated_at)
      select gen_random_uuid(), 'authenticated', 'authenticated', 'lounge-' || i || '@example.com', now(), now() from generate_series(1, ${users}) i;
    insert into lounge.rooms (name, theme, region, capacity)
      select 'Room ' || i, (array['lounge', 'dance', 'sports'])[1 + i % 3], (array['eu', 'me', 'na', 'sa'])[1 + (i / 3) % 4], 50
        from generate_series(1, ${rooms}) i;
    -- The limits are for abuse, not for a benchmark that replays 100,000 users in a few seconds each.
    update private.system_configuration set config_value = '1000000' where config_key like 'lounge.%_per_minute';
    create schema bench;
    create table bench.rooms as select row_number() over (order by id)::int as n, id, region, theme from lounge.rooms;
    alter table bench.rooms add primary key (n);
    create table bench.users as
      select row_number() over (order by p.id)::int as n, p.id, null::uuid as room_id,
             json_build_object('sub', p.id, 'role', 'authenticated')::text as claims
        from public.profiles p;
    alter table bench.users add primary key (n);
    update bench.users u set room_id = r.id from bench.rooms r where r.n = 1 + (u.n - 1) % ${rooms};
    create table bench.bare_memberships (
      id bigint generated always as identity primary key,
      room_id uuid not null references lounge.rooms (id), user_id uuid not null references public.profiles (id),
      join_source text not null check (join_source in ('matchmaking', 'invite', 'direct')),
      joined_at timestamptz not null default now(), left_at timestamptz);
    create index on bench.bare_memberships (room_id);
    create index on bench.bare_memberships (user_id);
    grant usage on schema bench to authenticated;
    grant select on all tables in schema bench to authenticated;
    -- Seated: a seat (the membership) per user, 10 per room (bulk, as the RPCs would leave them).
    insert into public.seats (id, kind, place_id, user_id, source) select gen_random_uuid(), 'lounge_room', room_id, id, 'direct' from bench.users;
    select private.lounge_recount_occupancy();`);
  psql(url, "vacuum analyze");

  // The checks themselves, timed inside Postgres (no client round trips): 2,000 random users each.
  psql(url, `
    create function bench.time_calls(p_what text, p_samples integer) returns table (p50 numeric, p95 numeric, p99 numeric)
    language plpgsql as $fn$
    declare
      started timestamptz;
      took numeric[] := '{}';
      u bench.users;
    begin
      for u in select * from bench.users order by random() limit p_samples loop
        perform set_config('request.jwt.claims', u.claims, true);
        started := clock_timestamp();
        if p_what = 'topic' then
          perform private.can_use_topic('room:' || u.room_id::text);
        else
          perform lounge.heartbeat();
        end if;
        took := took || (extract(epoch from clock_timestamp() - started) * 1000)::numeric;
      end loop;
      return query select round(percentile_cont(0.5) within group (order by x)::numeric, 3), round(percentile_cont(0.95) within group (order by x)::numeric, 3),
                          round(percentile_cont(0.99) within group (order by x)::numeric, 3) from unnest(took) x;
    end
    $fn$;`);
  seatEveryone(url);
  const inside = (what: string) => run("psql", [url, "-AtX", "-F", " ", "-c", `select * from bench.time_calls('${what}', 2000)`]).stdout.trim();
  const [topicInside, beatInside] = [inside("topic"), inside("heartbeat")];
  console.log(`inside Postgres, p50 p95 p99 ms: room: topic check ${topicInside}; heartbeat ${beatInside}`);
  seatEveryone(url);
  const topic1 = runPgbench(url, topicCheck, 1, seconds, pgbenchOptions);
  const topic = runPgbench(url, topicCheck, 8, seconds, pgbenchOptions);
  seatEveryone(url);
  const beat1 = runPgbench(url, heartbeat, 1, seconds, pgbenchOptions);
  const beat = runPgbench(url, heartbeat, 8, seconds, pgbenchOptions);
  console.log(`room: topic check (${users.toLocaleString("en")} open memberships): 1 client p95 ${topic1.p95.toFixed(2)} ms; 8 clients ${topic.tps.toFixed(0)} TPS, p95 ${topic.p95.toFixed(2)} ms`);
  console.log(`heartbeat: 1 client p95 ${beat1.p95.toFixed(2)} ms; 8 clients ${beat.tps.toFixed(0)} TPS, p95 ${beat.p95.toFixed(2)} ms`);

  const workloads = [
    { name: "join-or-matchmake then leave", script: joinThenLeave, asyncCommit: true },
    { name: "join-or-matchmake then leave, durable commits", script: joinThenLeave, asyncCommit: false },
    { name: "bare membership insert then update", script: bare, asyncCommit: true },
  ];
  const results: { name: string; runs: PgbenchRun[]; passes: PgbenchRun[][] }[] = workloads.map(({ name }) => ({ name, runs: [], passes: [] }));
  // The workloads one after the other at each number of clients, in `passes` passes, each workload's
  // runs pooled: a ratio compares runs made a minute apart, not several, and each side
  // meets more than one phase of a shared machine's drifting speed.
  for (const clients of clientCounts) {
    const runs: PgbenchRun[][] = workloads.map(() => []);
    for (let pass = 0; pass < passes; pass++) {
      workloads.forEach(({ script, asyncCommit }, i) => {
        setAsyncCommit(url, asyncCommit);
        seatEveryone(url);
        runs[i].push(runPgbench(url, script, clients, seconds, pgbenchOptions));
      });
    }
    runs.forEach((r, i) => { results[i].runs.push(poolRuns(r)); results[i].passes.push(r); });
  }
  setAsyncCommit(url, true);

  const over = Number(run("psql", [url, "-AtX", "-c", `
    select count(*) from (select s.place_id from public.seats s join lounge.rooms r on r.id = s.place_id
                           where s.kind = 'lounge_room' and s.left_at is null group by s.place_id, r.capacity having count(*) > r.capacity) x`]).stdout.trim());

  // A round's figure, with its steps' p95 (the join's first: the latency of a join request).
  const figure = (x: PgbenchRun) => `${x.tps.toFixed(0)} (${x.steps ? `${x.steps.map((s) => s.p95.toFixed(1)).join(" / ")} / ` : ""}${x.p95.toFixed(1)})`;
  console.log(`\n${passes} × ${seconds} s per workload and number of clients after 5 s of warm-up each, prepared statements, 2 pgbench threads;` +
    ` rounds a second (p95 ms of the first request / of the second / of both)\n`);
  console.log(`| workload | ${clientCounts.map((c) => `${c} client${c > 1 ? "s" : ""}`).join(" | ")} |`);
  console.log(`|---|${clientCounts.map(() => "---:").join("|")}|`);
  for (const r of results) console.log(`| ${r.name} | ${r.runs.map(figure).join(" | ")} |`);
  console.log(`| heartbeat | ${beat1.tps.toFixed(0)} (${beat1.p95.toFixed(2)}) | ${beat.tps.toFixed(0)} (${beat.p95.toFixed(2)}) | |`);
  console.log(`| room: topic check | ${topic1.tps.toFixed(0)} (${topic1.p95.toFixed(2)}) | ${topic.tps.toFixed(0)} (${topic.p95.toFixed(2)}) | |`);
  console.log(`\nInside Postgres (p50 p95 p99 ms, 2,000 calls): room: topic check ${topicInside}; heartbeat ${beatInside}`);
  const [joins, durableJoins, bareRows] = results;
  const joinP95 = (x: PgbenchRun) => x.steps![0].p95.toFixed(1);
  const byPass = (c: number) => joins.passes[c].map((r, k) => `${r.tps.toFixed(0)} / ${bareRows.passes[c][k].tps.toFixed(0)} = ${(r.tps / bareRows.passes[c][k].tps).toFixed(2)}×`).join(", ");
  console.log(`\nAt 8 clients: ${joins.runs[1].tps.toFixed(0)} joins a second, ${(joins.runs[1].tps / bareRows.runs[1].tps).toFixed(2)}× the bare figure (goals: 800, 0.5×; pass by pass ${byPass(1)});` +
    ` with durable commits ${durableJoins.runs[1].tps.toFixed(0)}, ${(durableJoins.runs[1].tps / bareRows.runs[1].tps).toFixed(2)}×`);
  console.log(`p95 of a join at 32 clients: ${joinP95(joins.runs[2])} ms (goal < 50; pass by pass ${joins.passes[2].map(joinP95).join(" / ")} ms at ${joins.passes[2].map((r) => r.tps.toFixed(0)).join(" / ")} joins a second; durable ${joinP95(durableJoins.runs[2])} ms; a join and its leave together ${joins.runs[2].p95.toFixed(1)} ms);` +
    ` over pgbench at 1 client (8): heartbeat p95 ${beat1.p95.toFixed(2)} (${beat.p95.toFixed(2)}) ms (goal < 5); topic p95 ${topic1.p95.toFixed(2)} (${topic.p95.toFixed(2)}) ms (goal < 1)`);
  console.log(`Rooms above capacity at the end: ${over}`);
  const file = saveBenchResult("lounge", `Lounge joins against a bare membership row: TPS against clients (${passes} × ${seconds} s per workload)`, {
    mark: "line", x: "clients", y: "transactions per second", xLog: true,
    points: results.flatMap((r) => clientCounts.map((clients, i) => ({ series: r.name, x: clients, y: Math.round(r.runs[i].tps) }))),
  });
  console.log(`Figures: ${file}`);
  if (over > 0) process.exitCode = 1;
});
