-- Studio ranks from game_score_buckets: the counts equal a recount after random submissions, plain
-- updates (scores, players, games, out of bounds), deletes (rows, a player, a game), a truncate and a
-- change of a game's bounds; every rank equals 1 + the better scores (ties share a rank), and every
-- page of a board at every offset equals the board ranked at once; the ranges' edges; and the table
-- from both sides: no client reads or writes it, service_role reads it only.
begin;
select plan(44);

select tests.create_user('ranks-alice@example.com') as alice \gset
select tests.create_user('ranks-bob@example.com') as bob \gset
select tests.create_user('ranks-support@example.com') as support \gset
select tests.create_user('ranks-admin@example.com') as admin \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support'), (:'admin', 'admin');
create temporary table ranks_players (n int primary key, user_id uuid not null);
insert into ranks_players select i, tests.create_user(format('ranks-player-%s@example.com', i)) from generate_series(1, 60) i;
grant select on ranks_players to anon, authenticated, service_role;

insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
values ('ranks-one', 'Ranks one', 'arcade', 0, 1000, 0) returning id as game \gset
insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
values ('ranks-two', 'Ranks two', 'arcade', -50, 50, 0) returning id as game2 \gset
insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
values ('ranks-edges', 'Ranks edges', 'arcade', 0, 255, 0) returning id as edges \gset

-- The recount the buckets must equal (zero counts left behind are not players).
create temporary view ranks_drift as
  with kept as (select game_id, bucket, shard, players from studio.game_score_buckets where players > 0),
  recount as (
    select l.game_id, private.studio_score_bucket(l.score, g.min_score, g.max_score) as bucket,
           private.studio_score_shard(l.user_id) as shard, count(*)::int as players
      from studio.game_leaderboards l join studio.games_catalog g on g.id = l.game_id group by 1, 2, 3)
  (select * from kept except select * from recount) union all (select * from recount except select * from kept);
-- Every player's rank on the test games against 1 + the better scores.
create temporary view ranks_wrong as
  select l.game_id, l.user_id, l.score, r.rank, 1 + (select count(*) from studio.game_leaderboards o
                                                     where o.game_id = l.game_id and o.score > l.score) as expected
    from studio.game_leaderboards l cross join lateral studio.game_rank(l.game_id, l.user_id) r
   where l.game_id in (select id from studio.games_catalog where slug like 'ranks-%')
     and r.rank is distinct from 1 + (select count(*) from studio.game_leaderboards o where o.game_id = l.game_id and o.score > l.score);
-- Pages of a board at every offset (7 rows each) that differ from the whole board ranked at once:
-- later pages start from the buckets, so they must agree with the board read from the top.
create temporary view ranks_pages_wrong as
  select g.id as game_id, o.o as page_offset
    from studio.games_catalog g cross join lateral generate_series(0, (select count(*) from studio.game_leaderboards l where l.game_id = g.id)::int + 2) o(o)
   where g.slug like 'ranks-%'
     and array(select row(p.rank, p.player_id, p.score)::text from studio.game_leaderboard(g.id, 7, o.o) p)
         is distinct from
         array(select row(w.rank, w.user_id, w.score)::text
                 from (select rank() over (order by l.score desc) as rank, l.user_id, l.score, l.achieved_at
                         from studio.game_leaderboards l where l.game_id = g.id) w
                order by w.score desc, w.achieved_at, w.user_id offset o.o limit 7);
grant select on ranks_drift, ranks_wrong, ranks_pages_wrong to service_role;

-- Random submissions, the way finish_game writes (best kept) ------------------------------------------------------------
select setseed(0.18);
select is((select count(*) from (
  select private.studio_record_score(case when random() < 0.7 then :'game'::uuid else :'game2'::uuid end, p.user_id,
                                     (random() * 1200)::bigint - 100, null)
    from generate_series(1, 600) i join ranks_players p on p.n = 1 + (i * 7919) % 60
) submitted)::int, 600, '600 random submissions are recorded');
select ok((select count(*) from studio.game_leaderboards where game_id in (:'game', :'game2')) > 80, 'random submissions fill two boards');
select ok((select count(distinct bucket) from studio.game_score_buckets where game_id = :'game') > 30, '... over many ranges');
select is((select count(*) from ranks_drift)::int, 0, 'after random submissions the buckets equal a recount');
select is((select count(*) from ranks_wrong)::int, 0, '... and every rank is 1 + the better scores');
select is((select count(*) from studio.game_score_buckets where players < 0)::int, 0, '... and no count is negative');

-- Plain writes by the service (not through studio_record_score) ---------------------------------------------------------
select tests.authenticate_as_service_role();
select is(tests.rows_affected(format($$update studio.game_leaderboards set score = score - 400 where game_id = %L and score > 500$$, :'game')) > 0,
  true, 'service_role lowers scores with a plain update');
select is((select count(*) from ranks_drift)::int, 0, '... and the buckets follow');
update studio.game_leaderboards set score = 5000 where game_id = :'game' and user_id = (select user_id from ranks_players where n = 1);
update studio.game_leaderboards set score = -5000 where game_id = :'game' and user_id = (select user_id from ranks_players where n = 2);
select is((select count(*) from ranks_drift)::int, 0, 'scores outside the bounds count in the first and last ranges');
select is((select rank from studio.game_rank(:'game', (select user_id from ranks_players where n = 1))), 1::bigint, '... the one above ranks first');
select is((select rank from studio.game_rank(:'game', (select user_id from ranks_players where n = 2))),
  (select count(*) from studio.game_leaderboards where game_id = :'game'), '... the one below last');
update studio.game_leaderboards set user_id = (select user_id from ranks_players p where p.n = 60)
 where game_id = :'game' and user_id = (select user_id from ranks_players where n = 3)
   and not exists (select 1 from studio.game_leaderboards where game_id = :'game' and user_id = (select user_id from ranks_players where n = 60));
update studio.game_leaderboards l set game_id = :'game2'
 where game_id = :'game' and user_id in (select user_id from ranks_players where n between 4 and 20)
   and not exists (select 1 from studio.game_leaderboards o where o.game_id = :'game2' and o.user_id = l.user_id);
select is((select count(*) from ranks_drift)::int, 0, 'moving rows to another player or another game moves their counts');
select is(tests.rows_affected(format($$delete from studio.game_leaderboards where game_id = %L and score %% 3 = 0$$, :'game2')) > 0,
  true, 'service_role deletes rows');
select is((select count(*) from ranks_drift)::int, 0, '... and the buckets follow');
select is((select count(*) from ranks_wrong)::int, 0, 'every rank is still 1 + the better scores');
select is((select count(*) from ranks_pages_wrong)::int, 0, 'every page of the boards, at every offset, is the board ranked at once');
reset role;

-- Ties and the ranges' edges: a game of bounds 0..255 has one score per range ----------------------------------------
insert into studio.game_leaderboards (game_id, user_id, score)
select :'edges', p.user_id, case when p.n <= 40 then 255 - p.n * 6 else 100 end from ranks_players p;
select is((select count(*) from ranks_wrong where game_id = :'edges')::int, 0, 'one score per range: every rank is 1 + the better scores');
select is((select array_agg(distinct r.rank) from studio.game_leaderboards l cross join lateral studio.game_rank(l.game_id, l.user_id) r
            where l.game_id = :'edges' and l.score = 100), array[(select 1 + count(*) from studio.game_leaderboards
                                                                  where game_id = :'edges' and score > 100)],
  'ties share a rank');
select is((select count(*) from ranks_pages_wrong where game_id = :'edges')::int, 0, '... on every page too');
select is(array(select private.studio_score_bucket(private.studio_score_bucket_top(b::smallint, 0, 999), 0, 999)
                  from generate_series(0, 254) b),
          array(select b::smallint from generate_series(0, 254) b), 'a range''s top score is in the range');
select is(array(select private.studio_score_bucket(private.studio_score_bucket_top(b::smallint, 0, 999) + 1, 0, 999)
                  from generate_series(0, 254) b),
          array(select (b + 1)::smallint from generate_series(0, 254) b), '... and the next score in the next');
select is(array[private.studio_score_bucket(-9223372036854775808, -9223372036854775808, 9223372036854775807),
                private.studio_score_bucket(9223372036854775807, -9223372036854775808, 9223372036854775807),
                private.studio_score_bucket(0, 5, 5), private.studio_score_bucket(5, 5, 5), private.studio_score_bucket(6, 5, 5)],
          array[0, 255, 0, 0, 255]::smallint[], 'the widest and the narrowest bounds map without overflow');
select is(private.studio_score_bucket_top(254::smallint, -9223372036854775808, 9223372036854775807) < 9223372036854775807, true,
  '... and the tops of the widest bounds stay within bigint');

-- A change of a game's bounds moves its ranges: the game is recounted --------------------------------------------------
update studio.games_catalog set max_score = 100000 where id = :'game';
select is((select count(*) from ranks_drift)::int, 0, 'a game''s new bounds recount its buckets');
select is((select count(*) from ranks_wrong)::int, 0, '... and every rank is still right');
select is((select count(*) from ranks_pages_wrong)::int, 0, '... and every page');
update studio.games_catalog set name = 'Ranks one, renamed' where id = :'game';
select is((select count(*) from ranks_drift)::int, 0, 'another change of the game leaves the counts as they are');

-- Deletes that reach the board from elsewhere -----------------------------------------------------------------------
delete from auth.users where id = (select user_id from ranks_players where n = 30);
select is((select count(*) from ranks_drift)::int, 0, 'a deleted account leaves every game''s counts');
delete from studio.games_catalog where id = :'game2';
select is((select count(*) from studio.game_score_buckets where game_id = :'game2')::int, 0, 'a deleted game takes its counts along');
select is((select count(*) from ranks_drift)::int, 0, '... and the others stay exact');

-- Nobody but the trigger writes the counts; no client reads them -------------------------------------------------------
select tests.clear_authentication();
select throws_ok('select * from studio.game_score_buckets', '42501', null, 'anon cannot read the buckets');
select is((select rank from studio.game_rank(:'game', (select user_id from ranks_players where n = 1))), 1::bigint,
  '... yet reads any player''s rank');
select tests.authenticate_as(:'alice');
select throws_ok('select * from studio.game_score_buckets', '42501', null, 'a user cannot read the buckets');
select throws_ok(format($$insert into studio.game_score_buckets (game_id, bucket, shard, players) values (%L, 0, 0, 1000)$$, :'game'),
  '42501', null, '... nor add to them');
select throws_ok(format($$update studio.game_score_buckets set players = 0 where game_id = %L$$, :'game'), '42501', null, '... nor change them');
select tests.authenticate_as(:'bob');
select throws_ok(format($$delete from studio.game_score_buckets where game_id = %L$$, :'game'), '42501', null, 'another user cannot delete them');
select tests.authenticate_as(:'support');
select throws_ok('select * from studio.game_score_buckets', '42501', null, 'support cannot read them');
select tests.authenticate_as(:'admin');
select throws_ok(format($$update studio.game_score_buckets set players = players + 1 where game_id = %L$$, :'game'), '42501', null,
  'an admin cannot change them');
select throws_ok('select private.studio_recount_score_buckets(null)', '42501', null, '... nor recount them');
select tests.authenticate_as_service_role();
select ok((select count(*) from studio.game_score_buckets where game_id = :'game') > 0, 'service_role reads the buckets');
select throws_ok(format($$update studio.game_score_buckets set players = players + 1 where game_id = %L$$, :'game'), '42501', null,
  '... but does not write them: only the board''s trigger does');
select throws_ok(format($$insert into studio.game_score_buckets (game_id, bucket, shard, players) values (%L, 0, 0, 1)$$, :'game'), '42501', null,
  '... nor insert into them');
reset role;
select ok((select relrowsecurity from pg_class where oid = 'studio.game_score_buckets'::regclass)
          and not exists (select 1 from pg_policy where polrelid = 'studio.game_score_buckets'::regclass),
  'the buckets have row level security and no policy');

-- A truncated board has no counts (last: it empties every board).
truncate studio.game_leaderboards;
select is((select count(*) from studio.game_score_buckets)::int, 0, 'truncating the boards empties the buckets');

select * from finish();
rollback;
