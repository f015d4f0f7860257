// npm run bench:scale — do the read paths every screen runs stay flat as the big tables grow? On a
// throwaway cluster the hot tables (messages, notifications, ledger transfers, tabletop listings)
// are loaded to each size in BENCH_SCALE_SIZES (default 1,000,000 then 10,000,000 rows each), and
// the products' tables (gigs, leaderboard rows, lounge room visits) to a tenth of it, generated in
// SQL with a realistic skew (activity ~ rank^-1/2: a few heavy users, cities and games, most light),
// and pgbench measures each query as `authenticated` through RLS (p50, p95, TPS) and as service_role
// with the access filter by hand. Goals: p95 at the largest size at most 1.3x p95 at the smallest;
// RLS at most 1.5x the hand-written query. Plans that change between sizes are printed.
// Not part of npm test: about 30 minutes on the 2-core development machine at the default sizes.
// BENCH_SCALE_URL runs it against an existing, freshly reset database instead (the dev loop).
import { actAsBenchUser, benchUserClaims, psql, runPgbench, withBenchCluster, type PgbenchRun } from "./cluster.ts";
import { saveBenchResult, type BenchPoint } from "./results.ts";

const sizes = (process.env.BENCH_SCALE_SIZES ?? "1000000,10000000").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmUpSeconds = Math.min(3, seconds);
const clients = 4;
const users = 10_000;
const batch = 1_000_000;
const cities = 200;
const games = 1_000;
const rooms = 1_000;

// The rank (1..n) that row g belongs to, and the rank a benchmark transaction picks, follow the same
// skew: rank 1 has about 1% of the rows (of 10,000), the median rank a few hundredths of a percent.
const skewed = (g: string, n: number) => `(1 + floor(${n} * power(((${g}::bigint * 7919) % 1000003) / 1000003.0, 2)))::int`;
const skewedUser = (g: string) => skewed(g, users);
// pgbench's pick, in integers: 1..n. (Not int() of a double: pgbench's int() rounds, so
// 1 + int(n * x^2) reached n + 1, a user who does not exist; the transaction then ran without
// claims, and my_statement, finding no account of nobody's, said "not your account".)
const pick = (name: string, n: number) => `\\set ${name}_r random(0, 999999)
\\set ${name} 1 + :${name}_r * :${name}_r * ${n} / 1000000000000`;

interface Query {
  name: string;
  /** pgbench lines before the transaction (\set ...); the user is :u. */
  pick?: string;
  rls: string;
  /** The same as service_role with the access filter by hand; none for a write. */
  byHand?: string;
  /** Which user's plan is shown (the heaviest by default). */
  planArgs?: Record<string, string>;
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
select public.unread_notification_count();`,
    byHand: `select id, type, payload, read_at, created_at from public.notifications where user_id = (select auth.uid()) order by id desc limit 20;
select count(*) from (select from public.notifications where user_id = (select auth.uid()) and read_at is null limit 100) x;`,
  },
  {
    name: "ledger statement page (billing.my_statement, 50)",
    rls: "select * from billing.my_statement((select account_id from bench.users where n = :u), null, 50);",
    // The function's own shape: the page's ids from the two account indexes, then those 50 rows.
    byHand: `select t.* from (select x.id from ((select c.id from billing.transfers c where c.credit_account_id = (select account_id from bench.users where n = :u) order by c.id desc limit 50)
  union all (select d.id from billing.transfers d where d.debit_account_id = (select account_id from bench.users where n = :u) order by d.id desc limit 50)) x
 order by x.id desc limit 50) page join billing.transfers t on t.id = page.id
 order by t.id desc;`,
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
  {
    name: "gigs discovery (discover_gigs, 25 km, 20)",
    pick: pick("c", cities),
    rls: "select id from gigs.discover_gigs((select lat from bench.cities where n = :c), (select lng from bench.cities where n = :c), 25, null, null, 20);",
    // A security-definer function filtering on published gigs itself: the same call.
    byHand: "select id from gigs.discover_gigs((select lat from bench.cities where n = :c), (select lng from bench.cities where n = :c), 25, null, null, 20);",
    planArgs: { c: "1" },
  },
  {
    name: "leaderboard page (game_leaderboard, top 100)",
    pick: pick("g", games),
    rls: "select count(*) from studio.game_leaderboard((select game_id from bench.games where n = :g), 100);",
    byHand: "select count(*) from studio.game_leaderboard((select game_id from bench.games where n = :g), 100);",
    planArgs: { g: "1" },
  },
  {
    // Writes: each client matchmakes its own users (no two clients move the same user), then leaves.
    name: "room matchmake then leave (lounge)",
    pick: `\\set u ${users - 4000 + 1} + :client_id * 1000 + random(0, 999)`,
    rls: `select lounge.matchmake((array['eu', 'me', 'na', 'sa'])[1 + :u % 4], null);
commit;
${actAsBenchUser()}
select lounge.leave_room();`,
  },
];

/** Users, their accounts, GM profiles, cities, games and rooms: made once. */
function prepare(url: string): void {
  psql(url, `
    insert into auth.users (id, aud, role, email, created_at, updated_at)
      select gen_random_uuid(), 'authenticated', 'authenticated', 'scale-' || i || '@example.com', now(), now() from generate_series(1, ${users}) i;
    create schema bench;
    -- n follows the users' ids; claims and account are the same user's (one row, read in one statement).
    create table bench.users as
      select s.n, s.user_id, billing.user_account(s.user_id, 'CREDIT') as account_id,
             json_build_object('sub', s.user_id, 'role', 'authenticated')::text as claims, null::uuid as conversation_id, null::uuid as gm_id
        from (select row_number() over (order by id)::int as n, id as user_id from auth.users where email like 'scale-%@example.com') s;
    alter table bench.users add primary key (n);
    -- The first 1,000 users are GMs (listings name the GM profile, not the user).
    insert into tabletop.gm_profiles (user_id, headline) select user_id, 'GM ' || n from bench.users where n <= 1000 on conflict do nothing;
    update bench.users u set gm_id = g.id from tabletop.gm_profiles g where g.user_id = u.user_id;
    create table bench.conv (n int primary key, id uuid, creator uuid);
    -- Gigs around 200 cities on a grid over Europe (about 200 km apart): city 1 has the most gigs.
    create table bench.cities as select i as n, 36 + ((i - 1) / 14) * 1.8 as lat, -10 + ((i - 1) % 14) * 3.2 as lng from generate_series(1, ${cities}) i;
    alter table bench.cities add primary key (n);
    insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
      select 'scale-' || i, 'Scale game ' || i, 'arcade', 0, 1000000, 0 from generate_series(1, ${games}) i;
    create table bench.games as select row_number() over (order by slug)::int as n, id as game_id from studio.games_catalog where slug like 'scale-%';
    alter table bench.games add primary key (n);
    insert into lounge.rooms (name, theme, region, capacity)
      select 'Room ' || i, (array['lounge', 'dance', 'sports'])[1 + i % 3], (array['eu', 'me', 'na', 'sa'])[1 + (i / 3) % 4], 50 from generate_series(1, ${rooms}) i;
    -- The limits are for abuse, not for a benchmark that replays users in a few seconds each.
    update private.system_configuration set config_value = '1000000' where config_key like 'lounge.%_per_minute';
    grant usage on schema bench to authenticated, service_role;
    grant select on all tables in schema bench to authenticated, service_role;`);
}

// The hot tables whose non-unique indexes are dropped around a load and rebuilt from their own
// definitions after it (building an index once is far cheaper than 10,000,000 insertions into it).
const hotTables = ["public.messages", "public.notifications", "billing.transfers", "tabletop.game_listings", "public.conversations",
  "public.conversation_participants", "gigs.gigs", "studio.game_leaderboards", "public.seats"];

function dropIndexes(url: string): void {
  psql(url, `
    create table if not exists bench.dropped_indexes (name text primary key, definition text not null);
    insert into bench.dropped_indexes
      select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
       where i.indrelid in (${hotTables.map((t) => `'${t}'::regclass`).join(", ")}) and not i.indisunique
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
    do $$ declare r record; begin
      for r in select name from bench.dropped_indexes loop execute 'drop index ' || r.name; end loop;
    end $$;`);
}

function rebuildIndexes(url: string): void {
  psql(url, `
    set maintenance_work_mem = '512MB';
    do $$ declare r record; begin
      for r in select definition from bench.dropped_indexes loop execute r.definition; end loop;
    end $$;
    truncate bench.dropped_indexes;`);
}

/** Grows every hot table from \`from\` to \`to\` rows, a million at a time, without per-row triggers. */
function load(url: string, from: number, to: number): void {
  dropIndexes(url);
  for (let start = from + 1; start <= to; start += batch) {
    const end = Math.min(to, start + batch - 1);
    // The products' tables: a tenth of the rows.
    const [start10, end10] = [Math.floor((start - 1) / 10) + 1, Math.floor(end / 10)];
    psql(url, `
      set session_replication_role = replica;
      -- Conversations grow with their messages (one per 50), three participants each.
      create temporary table new_conv on commit drop as
        select g as n, gen_random_uuid() as id from generate_series((${start} + 49) / 50, ${end} / 50) g;
      -- The list's order (last message first) is set here rather than read back from 10,000,000 messages.
      insert into public.conversations (id, kind, created_by, last_message_at, last_message_preview)
        select c.id, 'group', u.user_id, now() - make_interval(secs => ${to} - c.n * 50), 'the latest message'
          from new_conv c join bench.users u on u.n = ${skewedUser("c.n")};
      insert into public.conversation_participants (conversation_id, user_id, last_activity_at)
        select distinct c.id, u.user_id, now() - make_interval(secs => ${to} - c.n * 50)
          from new_conv c, unnest(array[${skewedUser("c.n")}, ${skewedUser("c.n * 3 + 1")}, ${skewedUser("c.n * 5 + 2")}]) k
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
      -- Listings: a fifth published, over the coming year; the rest drafts or completed, in the past.
      insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, currency, listing_type, scheduled_start,
                                          session_length_minutes, min_players, max_players, status, published_at)
        select u.gm_id, 'Listing ' || g, 'A game.', (array['dnd5e', 'pathfinder2e', 'coc7e', 'other'])[1 + g % 4], (g * 37) % 5000, 'usd', 'one_shot',
               case when g % 5 = 0 then now() + make_interval(mins => ((g::bigint * 7919) % 525600)::int) else now() - make_interval(mins => g % 525600) end,
               180, 1, 6, case when g % 5 = 0 then 'published' when g % 5 = 1 then 'completed' else 'draft' end,
               case when g % 5 = 0 then now() end
          from generate_series(${start}, ${end}) g join bench.users u on u.n = 1 + ${skewedUser("g")} % 1000;
      -- Gigs around skewed cities (normal offsets of about 15 km): a fifth published and upcoming, the rest past.
      insert into gigs.gigs (owner_user_id, title, description, comp_type, location_text, location_lat, location_lng, location_radius_km,
                             start_time, end_time, application_deadline, status, published_at, boost_level, looking_for_types, created_at)
        select u.user_id, 'Gig ' || g, 'A benchmark gig.', (array['tfp', 'expenses', 'tfp'])[1 + g % 3], 'City ' || c.n,
               least(89, c.lat + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) * 0.135),
               c.lng + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) * 0.21, 50 + (g % 4) * 25,
               s.start_time, s.start_time + interval '3 hours', s.start_time - interval '1 day',
               case when g % 5 = 0 then 'published' when g % 5 = 1 then 'draft' else 'completed' end, case when g % 5 <> 1 then s.start_time - interval '20 days' end,
               case when g % 50 = 0 then 1 else 0 end, array[(array['model', 'mua', 'stylist', 'photographer'])[1 + g % 4]],
               now() - make_interval(secs => ${to} - g)
          from generate_series(${start10}, ${end10}) g
          cross join lateral (select case when g % 5 = 0 then now() + interval '2 days' + (g % 60) * interval '1 day'
                                          else now() - (g % 700) * interval '1 day' end as start_time) s
          join bench.cities c on c.n = ${skewed("g", cities)}
          join bench.users u on u.n = 1 + (g * 13) % ${users};
      -- Leaderboard rows: games by the skew (game 1 is played by every user), one row per game and user.
      insert into studio.game_leaderboards (game_id, user_id, score, achieved_at)
        select gm.game_id, u.user_id, (g::bigint * 7919) % 1000000, now() - make_interval(secs => ${to} - g)
          from generate_series(${start10}, ${end10}) g
          join bench.games gm on gm.n = ${skewed("g", games)}
          join bench.users u on u.n = 1 + (g * 31) % ${users}
        on conflict do nothing;
      -- Room visits that ended: seats (the core's) and memberships (the lounge's), the same ids.
      create temporary table new_visit on commit drop as
        select gen_random_uuid() as id, r.id as room_id, u.user_id, now() - make_interval(secs => ${to} - g) as joined_at
          from generate_series(${start10}, ${end10}) g
          join bench.users u on u.n = ${skewedUser("g")}
          join (select row_number() over (order by id)::int as n, id from lounge.rooms) r on r.n = 1 + (g * 17) % ${rooms};
      insert into public.seats (id, kind, place_id, user_id, joined_at, last_seen_at, left_at, closed_reason, source)
        select id, 'lounge_room', room_id, user_id, joined_at, joined_at + interval '10 minutes', joined_at + interval '10 minutes', 'left', 'matchmaking' from new_visit;
      set session_replication_role = origin;`);
    console.log(`  ${end.toLocaleString("en")} rows each (${new Date().toISOString().slice(11, 19)})`);
  }
  rebuildIndexes(url);
  console.log(`  indexes rebuilt (${new Date().toISOString().slice(11, 19)})`);
  // The load ran without triggers, so the leaderboards' rank buckets are counted once here.
  psql(url, "select private.studio_recount_score_buckets(id) from studio.games_catalog");
  psql(url, `
    update bench.users u set conversation_id = (select p.conversation_id from public.conversation_participants p where p.user_id = u.user_id limit 1);`);
  psql(url, "vacuum analyze");
}

/** Someone in every room: the users the matchmaking clients do not use, five a room, seen now. */
function seatRoomies(url: string): void {
  psql(url, `
    insert into public.seats (id, kind, place_id, user_id, source)
      select gen_random_uuid(), 'lounge_room', r.id, u.user_id, 'direct'
        from (select row_number() over (order by id)::int as n, id from lounge.rooms) r
        join bench.users u on u.n between ${users - 4000 - 5 * rooms + 1} and ${users - 4000} and (u.n - 1) % ${rooms} = r.n - 1
      on conflict do nothing;
    update public.seats set last_seen_at = now() where kind = 'lounge_room' and left_at is null;
    select private.lounge_recount_occupancy();`);
}

/** The plan of a query as the heaviest user (and city, game), through RLS. */
function plan(url: string, query: Query): string {
  let sql = query.rls.split(";")[0];
  for (const [name, value] of Object.entries({ u: "1", ...query.planArgs })) sql = sql.replace(new RegExp(`:${name}\\b`, "g"), value);
  return psql(url, `begin; ${benchUserClaims("authenticated", "1")};
    explain (costs off) ${sql};
    rollback;`).trim().split("\n").slice(1).join("\n");  // the first line is set_config's row
}

async function main(url: string): Promise<void> {
  const started = Date.now();
  prepare(url);
  // The scheduled jobs are not what is measured (and the maintenance sweeps would rewrite the
  // generated rows mid-run): paused for the run.
  psql(url, "select cron.alter_job(jobid, active => false) from cron.job");
  const figures: Record<number, Record<string, { rls: PgbenchRun; hand?: PgbenchRun; plan: string }>> = {};
  let loaded = 0;
  for (const size of sizes) {
    console.log(`Loading ${size.toLocaleString("en")} rows into each hot table (${(size / 10).toLocaleString("en")} into the products')...`);
    load(url, loaded, size);
    loaded = size;
    figures[size] = {};
    for (const q of queries) {
      if (q.name.startsWith("room matchmake")) seatRoomies(url);
      const script = (role: "authenticated" | "service_role", sql: string) => `${q.pick ?? ""}\n${q.pick?.includes("\\set u") ? "" : pick("u", users)}\n${actAsBenchUser(role)}\n${sql}\ncommit;`;
      // Each run's first seconds are not counted: the previous query's run left other pages in the
      // caches, and the figures are of the query at steady state, not of its first reads.
      figures[size][q.name] = {
        rls: runPgbench(url, script("authenticated", q.rls), clients, seconds, { warmupSeconds: warmUpSeconds }),
        hand: q.byHand ? runPgbench(url, script("service_role", q.byHand), clients, seconds, { warmupSeconds: warmUpSeconds }) : undefined,
        plan: plan(url, q),
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
    const rlsCost = sizes.map((s) => { const f = figures[s][q.name]; return f.hand ? `${(f.hand.tps / f.rls.tps).toFixed(2)}x` : "(a write)"; });
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
}

if (process.env.BENCH_SCALE_URL) await main(process.env.BENCH_SCALE_URL);
else await withBenchCluster((cluster) => main(cluster.url));
