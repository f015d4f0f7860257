// npm run bench:scale — do the read paths every screen runs stay flat as the big tables grow? On a
// throwaway cluster the hot tables (messages, notifications, ledger transfers, tabletop listings)
// are loaded to each size in BENCH_SCALE_SIZES (default 1,000,000 then 10,000,000 rows each),
// generated in SQL with a realistic skew (activity ~ rank^-1/2: a few heavy users, most light), and
// pgbench measures each query as `authenticated` through RLS (p50, p95, TPS) and as service_role
// with the access filter by hand. Goals: p95 at the largest size at most 1.3x p95 at the smallest;
// RLS at most 1.5x the hand-written query. Plans that change between sizes are printed.
// Not part of npm test: about 25 minutes on the 2-core development machine at the default sizes.
import { psql, runPgbench, withBenchCluster, type PgbenchRun } from "./cluster.ts";
import { saveBenchResult, type BenchPoint } from "./results.ts";

const sizes = (process.env.BENCH_SCALE_SIZES ?? "1000000,10000000").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clients = 4;
const users = 10_000;
const batch = 1_000_000;

// The user a row belongs to, and the user a benchmark transaction acts as, follow the same skew:
// user 1 has about 1% of the rows, the median user a few hundredths of a percent.
const skewedUser = (g: string) => `(1 + floor(${users} * power(((${g}::bigint * 7919) % 1000003) / 1000003.0, 2)))::int`;
const pickUser = `\\set u 1 + int(${users} * pow(random(0, 999999) / 1000000.0, 2))`;

const actAs = (role: "authenticated" | "service_role") => `${pickUser}
begin;
select set_config('request.jwt.claims', claims, true), set_config('role', '${role}', true) from bench.users where n = :u;`;

interface Query {
  name: string;
  rls: string;
  byHand: string;
}

const queries: Query[] = [
  {
    name: "conversation list (my_conversations, 30)",
    rls: "select * from public.my_conversations(30);",
    // The function reads the caller's own rows already; as service_role it is the same query.
    byHand: "select * from public.my_conversations(30);",
  },
  {
    name: "a page of messages (50 newest of a conversation)",
    rls: `select m.id, m.author_id, m.content, m.created_at from public.messages m
 where m.conversation_id = (select conversation_id from bench.users where n = :u) order by m.id desc limit 50;`,
    byHand: `select m.id, m.author_id, m.content, m.created_at from public.messages m
 where m.conversation_id = (select conversation_id from bench.users where n = :u)
   and exists (select 1 from public.conversation_participants p where p.conversation_id = m.conversation_id and p.user_id = (select auth.uid()))
   and (m.whisper_to is null or m.author_id = (select auth.uid()) or (select auth.uid()) = any (m.whisper_to))
 order by m.id desc limit 50;`,
  },
  {
    name: "notifications: a page of 20 and the unread count",
    rls: `select id, type, payload, read_at, created_at from public.notifications order by id desc limit 20;
select count(*) from public.notifications where read_at is null;`,
    byHand: `select id, type, payload, read_at, created_at from public.notifications where user_id = (select auth.uid()) order by id desc limit 20;
select count(*) from public.notifications where user_id = (select auth.uid()) and read_at is null;`,
  },
  {
    name: "ledger statement page (billing.my_statement, 50)",
    rls: "select * from billing.my_statement((select account_id from bench.users where n = :u), null, 50);",
    byHand: `select t.* from ((select * from billing.transfers x where x.credit_account_id = (select account_id from bench.users where n = :u) order by x.id desc limit 50)
  union all (select * from billing.transfers x where x.debit_account_id = (select account_id from bench.users where n = :u) order by x.id desc limit 50)) t
 order by t.id desc limit 50;`,
  },
  {
    name: "tabletop listings by date (30 upcoming)",
    rls: `select id, title, scheduled_start, price_per_seat_cents from tabletop.game_listings
 where status in ('published', 'full') and scheduled_start > now() order by scheduled_start, id limit 30;`,
    byHand: `select id, title, scheduled_start, price_per_seat_cents from tabletop.game_listings
 where status in ('published', 'full') and scheduled_start > now() order by scheduled_start, id limit 30;`,
  },
  {
    name: "tabletop listings by price (30 cheapest upcoming)",
    rls: `select id, title, scheduled_start, price_per_seat_cents from tabletop.game_listings
 where status in ('published', 'full') and scheduled_start > now() order by price_per_seat_cents, id limit 30;`,
    byHand: `select id, title, scheduled_start, price_per_seat_cents from tabletop.game_listings
 where status in ('published', 'full') and scheduled_start > now() order by price_per_seat_cents, id limit 30;`,
  },
];

/** Users, their accounts and one conversation each to read from: made once. */
function prepare(url: string): void {
  psql(url, `
    insert into auth.users (id, aud, role, email, created_at, updated_at)
      select gen_random_uuid(), 'authenticated', 'authenticated', 'scale-' || i || '@example.com', now(), now() from generate_series(1, ${users}) i;
    create schema bench;
    create table bench.users as
      select row_number() over (order by id)::int as n, id as user_id, billing.user_account(id, 'CREDIT') as account_id,
             json_build_object('sub', id, 'role', 'authenticated')::text as claims, null::uuid as conversation_id
        from auth.users where email like 'scale-%';
    alter table bench.users add primary key (n);
    grant usage on schema bench to authenticated, service_role;
    grant select on bench.users to authenticated, service_role;
    -- A GM for the listings: the same skew, over the first 1,000 users.
    insert into tabletop.gm_profiles (user_id, headline) select user_id, 'GM ' || n from bench.users where n <= 1000 on conflict do nothing;`);
}

/** Grows every hot table from \`from\` to \`to\` rows, a million at a time, without per-row triggers. */
function load(url: string, from: number, to: number): void {
  for (let start = from + 1; start <= to; start += batch) {
    const end = Math.min(to, start + batch - 1);
    psql(url, `
      set session_replication_role = replica;
      -- Conversations grow with their messages (one per 50), three participants each.
      create temporary table new_conv on commit drop as
        select g as n, gen_random_uuid() as id from generate_series((${start} + 49) / 50, ${end} / 50) g;
      -- The list's order (last message first) is set here rather than read back from 10,000,000 messages.
      insert into public.conversations (id, kind, created_by, last_message_at, last_message_preview)
        select c.id, 'group', u.user_id, now() - make_interval(secs => ${to} - c.n * 50), 'the latest message'
          from new_conv c join bench.users u on u.n = ${skewedUser("c.n")};
      insert into public.conversation_participants (conversation_id, user_id)
        select distinct c.id, u.user_id from new_conv c, unnest(array[${skewedUser("c.n")}, ${skewedUser("c.n * 3 + 1")}, ${skewedUser("c.n * 5 + 2")}]) k
          join bench.users u on u.n = k;
      insert into bench.conv select c.n, c.id, u.user_id from new_conv c join bench.users u on u.n = ${skewedUser("c.n")};
      insert into public.messages (conversation_id, author_id, content, created_at)
        select c.id, c.creator, 'message number ' || g, now() - make_interval(secs => ${to} - g)
          from generate_series(${start}, ${end}) g
          join bench.conv c on c.n = 1 + (g * 7) % greatest(${end} / 50, 1);
      insert into public.notifications (user_id, type, payload, read_at, created_at)
        select u.user_id, 'message', jsonb_build_object('n', g), case when g % 50 <> 0 then now() end, now() - make_interval(secs => ${to} - g)
          from generate_series(${start}, ${end}) g join bench.users u on u.n = ${skewedUser("g")};
      insert into billing.transfers (asset, amount, kind, debit_account_id, credit_account_id, debit_balance_after, credit_balance_after, reference_type, reference_id, created_at)
        select 'CREDIT', 1 + g % 100, 'payment', a.account_id, b.account_id, 0, 0, 'bench', g::text, now() - make_interval(secs => ${to} - g)
          from generate_series(${start}, ${end}) g
          join bench.users a on a.n = ${skewedUser("g")} join bench.users b on b.n = 1 + (${skewedUser("g")} + g % 500) % ${users};
      -- Listings: a fifth published, over the coming year; the rest drafts, past or cancelled.
      insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, currency, listing_type, scheduled_start,
                                          session_length_minutes, min_players, max_players, status, published_at)
        select u.user_id, 'Listing ' || g, 'A game.', (array['dnd5e', 'pathfinder2e', 'coc7e', 'other'])[1 + g % 4], (g * 37) % 5000, 'usd', 'one_shot',
               case when g % 5 = 0 then now() + make_interval(mins => ((g::bigint * 7919) % 525600)::int) else now() - make_interval(mins => g % 525600) end,
               180, 1, 6, case when g % 5 = 0 then 'published' when g % 5 = 1 then 'completed' else 'draft' end,
               case when g % 5 = 0 then now() end
          from generate_series(${start}, ${end}) g join bench.users u on u.n = 1 + ${skewedUser("g")} % 1000;
      set session_replication_role = origin;`);
    console.log(`  ${end.toLocaleString("en")} rows each (${new Date().toISOString().slice(11, 19)})`);
  }
  psql(url, `
    update bench.users u set conversation_id = (select p.conversation_id from public.conversation_participants p where p.user_id = u.user_id limit 1);`);
  psql(url, "vacuum analyze");
}

/** The plan of a query as the heaviest user, through RLS. */
function plan(url: string, query: string): string {
  return psql(url, `begin;
    select set_config('request.jwt.claims', claims, true), set_config('role', 'authenticated', true) from bench.users where n = 1;
    explain (costs off) ${query.replaceAll(":u", "1").split(";")[0]};
    rollback;`).trim().split("\n").slice(1).join("\n");  // the first line is set_config's row
}

await withBenchCluster(async (cluster) => {
  const started = Date.now();
  prepare(cluster.url);
  psql(cluster.url, "create table bench.conv (n int primary key, id uuid, creator uuid)");
  const figures: Record<number, Record<string, { rls: PgbenchRun; hand: PgbenchRun; plan: string }>> = {};
  let loaded = 0;
  for (const size of sizes) {
    console.log(`Loading ${size.toLocaleString("en")} rows into each hot table...`);
    load(cluster.url, loaded, size);
    loaded = size;
    figures[size] = {};
    for (const q of queries) {
      figures[size][q.name] = {
        rls: runPgbench(cluster.url, `${actAs("authenticated")}\n${q.rls}\ncommit;`, clients, seconds),
        hand: runPgbench(cluster.url, `${actAs("service_role")}\n${q.byHand}\ncommit;`, clients, seconds),
        plan: plan(cluster.url, q.rls),
      };
    }
    console.log(`  measured after ${((Date.now() - started) / 60000).toFixed(1)} min`);
  }

  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  console.log(`\nms per transaction as authenticated through RLS, ${clients} clients, ${seconds} s per run; RLS cost = service_role TPS / authenticated TPS\n`);
  console.log(`| query | ${sizes.map((s) => `p50 / p95 / TPS at ${s.toLocaleString("en")}`).join(" | ")} | p95 ratio (goal ≤ 1.3) | ${sizes.map((s) => `RLS cost at ${s.toLocaleString("en")}`).join(" | ")} |`);
  console.log(`|---|${sizes.map(() => "---:").join("|")}|---:|${sizes.map(() => "---:").join("|")}|`);
  for (const q of queries) {
    const cells = sizes.map((s) => { const f = figures[s][q.name].rls; return `${f.p50.toFixed(2)} / ${f.p95.toFixed(2)} / ${f.tps.toFixed(0)}`; });
    const ratio = figures[large][q.name].rls.p95 / figures[small][q.name].rls.p95;
    const rlsCost = sizes.map((s) => `${(figures[s][q.name].hand.tps / figures[s][q.name].rls.tps).toFixed(2)}x`);
    console.log(`| ${q.name} | ${cells.join(" | ")} | ${ratio.toFixed(2)} | ${rlsCost.join(" | ")} |`);
  }
  for (const q of queries) {
    if (figures[small][q.name].plan === figures[large][q.name].plan) continue;
    console.log(`\nPlan changed for "${q.name}":\n--- at ${small.toLocaleString("en")}\n${figures[small][q.name].plan}\n--- at ${large.toLocaleString("en")}\n${figures[large][q.name].plan}`);
  }
  const points: BenchPoint[] = queries.flatMap((q) => sizes.map((s) => ({ series: q.name, x: s, y: Number(figures[s][q.name].rls.p95.toFixed(3)) })));
  const file = saveBenchResult("scale", `p95 against table size, as authenticated through RLS (${clients} clients)`, {
    mark: "line", x: "rows in each hot table", y: "p95 ms", xLog: true, points,
  });
  console.log(`\nFinished in ${((Date.now() - started) / 60000).toFixed(1)} min. Figures: ${file}`);
});
