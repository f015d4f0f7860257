// npm run bench:rls — what Row Level Security costs the two queries clients make most: their
// conversation list and the latest 50 messages of a conversation. Each runs as `authenticated`
// through RLS, and as service_role (no RLS) with the same filter written by hand; pgbench measures
// both in the same run on 1,000 users, 20,000 conversations and 1,000,000 messages.
import { actAsBenchUser, psql, runPgbench, withBenchCluster } from "./cluster.ts";
import { saveBenchResult } from "./results.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clients = 4;

// Each transaction acts as a random user, the way PostgREST does (role and claims, then the query).
const asUser = (role: "authenticated" | "service_role") => `
\\set u random(1, 1000)
${actAsBenchUser(role)}`;

const conversationList = `
select c.id, c.last_message_at, c.last_message_preview, p.unread_count
  from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
 where p.user_id = (select auth.uid())
 order by c.last_message_at desc limit 30;
commit;`;

const workloads: Record<string, { rls: string; byHand: string }> = {
  // The list filters on the user's own rows already, so by hand it is the same query.
  "conversation list (30 most recent, unread counts)": {
    rls: `${asUser("authenticated")}${conversationList}`,
    byHand: `${asUser("service_role")}${conversationList}`,
  },
  "latest 50 messages of one of the user's conversations": {
    rls: `${asUser("authenticated")}
select m.* from public.messages m
 where m.conversation_id = (select conversation_id from bench.users where n = :u)
 order by m.id desc limit 50;
commit;`,
    byHand: `${asUser("service_role")}
select m.* from public.messages m
 where m.conversation_id = (select conversation_id from bench.users where n = :u)
   and exists (select 1 from public.conversation_participants p
                where p.conversation_id = m.conversation_id and p.user_id = (select auth.uid()))
   and (m.whisper_to is null or m.author_id = (select auth.uid())
        or (select auth.uid()) = any (m.whisper_to))
 order by m.id desc limit 50;
commit;`,
  },
};

await withBenchCluster(async (cluster) => {
  console.log("Loading 1,000 users, 20,000 conversations and 1,000,000 messages...");
  const sql = (text: string) => psql(cluster.url, text);
  sql(`insert into auth.users (id, aud, role, email, created_at, updated_at)
          select gen_random_uuid(), 'authenticated', 'authenticated', 'rls-' || i || '@example.com', now(), now() from generate_series(1, 1000) i`);
  sql(`create schema bench;
    create table bench.people as select row_number() over (order by id)::int as n, id from public.profiles;
    create table bench.conv as select i as n, gen_random_uuid() as id from generate_series(1, 20000) i;
    -- Bulk load without the per-row triggers (rate limit, counters, notifications); counters are set after.
    set session_replication_role = replica;
    insert into public.conversations (id, kind, created_by) select c.id, 'group', p.id from bench.conv c join bench.people p on p.n = 1 + c.n % 1000;
    insert into public.conversation_participants (conversation_id, user_id)
      select distinct c.id, p.id from bench.conv c, unnest(array[1 + c.n % 1000, 1 + (c.n * 7) % 1000, 1 + (c.n * 13) % 1000]) k join bench.people p on p.n = k;
    insert into public.messages (conversation_id, author_id, content, whisper_to, created_at)
      select c.id, p.id, 'message number ' || g, case when g % 20 = 0 then array[p.id] end, now() - make_interval(secs => 1000000 - g)
        from generate_series(1, 1000000) g
        join bench.conv c on c.n = 1 + g % 20000
        join bench.people p on p.n = 1 + ((g % 20000 + 1) * (1 + g % 3 * 6)) % 1000;
    set session_replication_role = origin;`);
  sql(`update public.conversations c set last_message_id = m.id, last_message_at = m.created_at, last_message_preview = left(m.content, 140)
          from (select distinct on (conversation_id) conversation_id, id, created_at, content from public.messages order by conversation_id, id desc) m
         where m.conversation_id = c.id;
    create table bench.users as
      select p.n, p.id as user_id,
             json_build_object('sub', p.id, 'role', 'authenticated')::text as claims,
             (select cp.conversation_id from public.conversation_participants cp where cp.user_id = p.id limit 1) as conversation_id
        from bench.people p;
    create index on bench.users (n);
    grant usage on schema bench to authenticated, service_role;
    grant select on bench.users to authenticated, service_role;`);
  sql("vacuum analyze");

  const results: [string, number, number][] = [];
  for (const [name, { rls, byHand }] of Object.entries(workloads)) {
    results.push([name, runPgbench(cluster.url, rls, clients, seconds).tps, runPgbench(cluster.url, byHand, clients, seconds).tps]);
  }
  console.log(`\nTPS, ${clients} clients, ${seconds} s per run; each transaction sets the role and claims, then queries\n`);
  console.log("| query | authenticated, through RLS | service_role, filter by hand | RLS cost (hand / RLS) |");
  console.log("|---|---:|---:|---:|");
  for (const [name, withRls, byHand] of results) console.log(`| ${name} | ${withRls.toFixed(0)} | ${byHand.toFixed(0)} | ${(byHand / withRls).toFixed(2)}x |`);
  const file = saveBenchResult("rls", `What RLS costs on messaging: TPS at ${clients} clients, 1,000,000 messages`, {
    mark: "bar", x: "caller", y: "transactions per second",
    points: results.flatMap(([name, withRls, byHand]) => [
      { series: name, x: "authenticated, through RLS", y: Math.round(withRls) },
      { series: name, x: "service_role, filter by hand", y: Math.round(byHand) },
    ]),
  });
  console.log(`\nFigures: ${file}`);
});
