-- The studio's games (seed 002 "Games platform"): the catalog, play sessions and leaderboards.
--   games_catalog      reference data (service side); anyone reads active games. A premium game is a
--                      priced item of the core ('game', <id>, CREDIT): its credit_cost is kept equal to
--                      that price (checked at commit), and starting a session buys it with
--                      billing.spend_item, once per session and idempotency key.
--   game_sessions      start_game / finish_game only; the player reads theirs (support staff too). The
--                      duration is server time; a score outside the game's bounds or a result faster
--                      than its minimum duration is refused: the session closes as 'refused' and the
--                      attempt is recorded in audit.security_events (a raised error would roll the record back).
--   game_leaderboards  one best score per game and user, anyone reads. Ranks are not stored: a stored
--                      rank would rewrite every row below a new score (a hot game's whole board) on each
--                      submission; game_leaderboard() reads the (game_id, score desc) index from the top,
--                      and game_rank() counts the players above from game_score_buckets.
--   game_score_buckets how many players of a game have their best score in each of 256 score ranges
--                      (the game's bounds split evenly), 4 shards per range by the player's id. Kept by a
--                      trigger on game_leaderboards in the writing transaction (whoever writes, however),
--                      so a rank is the sum of the ranges above the player's plus a count within their own:
--                      exact, and a few hundred rows whatever the heap's visibility. No client reads it.
--   play_count         counted in game_play_counts, 16 shards per game (a start adds 1 to a random
--                      one, so concurrent starts of a hot game do not queue on one row); pg_cron rolls the
--                      shards up into games_catalog.play_count every minute.

create table studio.games_catalog (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9-]{2,100}$'),
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  category text not null check (category ~ '^[a-z0-9_-]{2,50}$'),
  thumbnail_url text,
  is_premium boolean not null default false,
  -- The price in credits of one session of a premium game (its billing.priced_items row's price).
  credit_cost bigint not null default 0 check (credit_cost >= 0),
  -- What a finished session may score, and how long it must at least have lasted (server time).
  min_score bigint not null default 0,
  max_score bigint not null default 1000000,
  min_duration_seconds integer not null default 10 check (min_duration_seconds between 0 and 86400),
  rating numeric(3, 2) check (rating between 0 and 5),
  -- Rolled up from game_play_counts every minute.
  play_count bigint not null default 0 check (play_count >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (is_premium = (credit_cost > 0)),
  check (min_score <= max_score),
  constraint games_catalog_thumbnail_url_http check (private.is_http_url(thumbnail_url))
);
create index games_catalog_category_idx on studio.games_catalog (category) where active;
create index games_catalog_premium_idx on studio.games_catalog (is_premium) where active;
create trigger set_updated_at before update of slug, name, description, category, thumbnail_url, is_premium, credit_cost, min_score, max_score,
  min_duration_seconds, rating, active on studio.games_catalog for each row execute function private.set_updated_at();

-- A premium game is sold through the core's priced items only: at commit, an active premium game has
-- an active CREDIT price equal to its credit_cost, and a free one none. (Whoever adds a game writes
-- both rows in one transaction; billing's rows are written by no product function.)
create or replace function private.studio_check_game_price()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  game studio.games_catalog;
  price bigint;
begin
  select * into game from studio.games_catalog where id = new.id;
  if not found then
    return null;
  end if;
  select i.price into price from billing.priced_items i
   where i.item_type = 'game' and i.item_id = game.id::text and i.asset = 'CREDIT' and i.active;
  if game.is_premium and game.active and price is distinct from game.credit_cost then
    raise exception 'premium game % costs % credits but its priced item (game, %, CREDIT) says %', game.slug, game.credit_cost, game.id, coalesce(price::text, 'nothing')
      using errcode = '23514', hint = 'register its price (billing.priced_items) in the same transaction';
  end if;
  if not game.is_premium and price is not null then
    raise exception 'free game % has an active price', game.slug using errcode = '23514';
  end if;
  return null;
end
$$;
create constraint trigger check_game_price after insert or update of is_premium, credit_cost, active on studio.games_catalog
  deferrable initially deferred for each row execute function private.studio_check_game_price();

create table studio.game_play_counts (
  game_id uuid not null references studio.games_catalog (id) on delete cascade,
  shard smallint not null check (shard between 0 and 15),
  plays bigint not null default 0,
  primary key (game_id, shard)
);

create table studio.game_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  game_id uuid not null references studio.games_catalog (id) on delete cascade,
  -- playing -> finished (score accepted) or refused (out of bounds, too fast).
  status text not null default 'playing' check (status in ('playing', 'finished', 'refused')),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  duration_seconds integer,
  score bigint,
  completed boolean not null default false,
  refusal_reason text check (refusal_reason in ('score_out_of_bounds', 'too_fast')),
  credits_charged bigint not null default 0,
  -- The charge of a premium game's session (one session per charge).
  transfer_id bigint unique,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 255),
  created_at timestamptz not null default now(),
  unique (user_id, idempotency_key),
  check ((status = 'playing') = (ended_at is null)),
  check ((status = 'refused') = (refusal_reason is not null)),
  check (completed = (status = 'finished'))
);
create index game_sessions_user_idx on studio.game_sessions (user_id, started_at desc);
create index game_sessions_game_idx on studio.game_sessions (game_id);

create table studio.game_leaderboards (
  id uuid primary key default gen_random_uuid(),
  game_id uuid not null references studio.games_catalog (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  score bigint not null,
  session_id uuid references studio.game_sessions (id) on delete set null,
  achieved_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (game_id, user_id)
);
-- The board in rank order (ties: who got there first), and a player's rank (count of better scores).
create index game_leaderboards_rank_idx on studio.game_leaderboards (game_id, score desc, achieved_at, user_id);
create index game_leaderboards_user_idx on studio.game_leaderboards (user_id);
-- A rank counts the better scores with an index-only scan, which is only index-only on pages the
-- visibility map marks all-visible; every new best clears its page's bit. Vacuum after 2% of the rows
-- changed (not the default 20%), so a busy board stays cheap to rank.
alter table studio.game_leaderboards set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
                                          autovacuum_analyze_scale_factor = 0.02);
create index game_leaderboards_session_idx on studio.game_leaderboards (session_id);

-- The players per score range of a game (see the header). Shards by the player's id, so concurrent
-- submissions on a hot game spread over 4 rows per range and each shard stays exactly recountable.
create table studio.game_score_buckets (
  game_id uuid not null references studio.games_catalog (id) on delete cascade,
  bucket smallint not null check (bucket between 0 and 255),
  shard smallint not null check (shard between 0 and 3),
  -- Never negative: a count that would go below zero has drifted, and the write fails instead.
  players integer not null check (players >= 0),
  primary key (game_id, bucket, shard)
) with (fillfactor = 50);  -- room on each page for the updated row, so count updates stay HOT

-- The range (0..255) a score falls in: the game's bounds split into 256 even ranges; scores outside the
-- bounds (older results, a plain update) count in the first or last range. Numeric: no overflow at the
-- ends of bigint. (PL/pgSQL: a SQL function with SET is planned on every call.)
create or replace function private.studio_score_bucket(p_score bigint, p_min bigint, p_max bigint)
returns smallint
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return least(greatest(floor((p_score::numeric - p_min) * 256 / (p_max::numeric - p_min + 1)), 0), 255)::smallint;
end
$$;

-- The highest score of a range: scores of later ranges are above it (the last range has no top).
create or replace function private.studio_score_bucket_top(p_bucket smallint, p_min bigint, p_max bigint)
returns bigint
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return case when p_bucket >= 255 then 9223372036854775807
              else (p_min + ceil((p_bucket + 1) * (p_max::numeric - p_min + 1) / 256) - 1)::bigint end;
end
$$;

-- A player's shard: a byte of their (random) id.
create or replace function private.studio_score_shard(p_user_id uuid)
returns smallint
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return (get_byte(uuid_send(p_user_id), 15) % 4)::smallint;
end
$$;

-- Moves a leaderboard row's player between the counts: out of the old (game, range, shard), into the
-- new. Two rows at most, the lower key first, so two writes never wait for each other in a cycle. A
-- new best in the same range writes nothing here. (A game deleted with its rows: its counts are gone
-- with it, so the decrement finds nothing.)
create or replace function private.studio_count_score()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  low bigint;
  high bigint;
  old_bucket smallint;
  new_bucket smallint;
  old_shard smallint;
  new_shard smallint;
begin
  if tg_op <> 'INSERT' then
    select g.min_score, g.max_score into low, high from studio.games_catalog g where g.id = old.game_id;
    old_bucket := private.studio_score_bucket(old.score, low, high);
    old_shard := private.studio_score_shard(old.user_id);
  end if;
  if tg_op <> 'DELETE' then
    if tg_op = 'INSERT' or new.game_id <> old.game_id then
      select g.min_score, g.max_score into low, high from studio.games_catalog g where g.id = new.game_id;
    end if;
    new_bucket := private.studio_score_bucket(new.score, low, high);
    new_shard := private.studio_score_shard(new.user_id);
  end if;
  if tg_op = 'UPDATE' then
    if (old.game_id, old_bucket, old_shard) = (new.game_id, new_bucket, new_shard) then
      return null;
    end if;
    if (old.game_id, old_bucket, old_shard) > (new.game_id, new_bucket, new_shard) then
      insert into studio.game_score_buckets (game_id, bucket, shard, players) values (new.game_id, new_bucket, new_shard, 1)
      on conflict (game_id, bucket, shard) do update set players = studio.game_score_buckets.players + 1;
      update studio.game_score_buckets set players = players - 1 where game_id = old.game_id and bucket = old_bucket and shard = old_shard;
      return null;
    end if;
  end if;
  if tg_op <> 'INSERT' then
    update studio.game_score_buckets set players = players - 1 where game_id = old.game_id and bucket = old_bucket and shard = old_shard;
  end if;
  if tg_op <> 'DELETE' then
    insert into studio.game_score_buckets (game_id, bucket, shard, players) values (new.game_id, new_bucket, new_shard, 1)
    on conflict (game_id, bucket, shard) do update set players = studio.game_score_buckets.players + 1;
  end if;
  return null;
end
$$;
create trigger count_score after insert or delete or update of game_id, user_id, score on studio.game_leaderboards
  for each row execute function private.studio_count_score();

-- A truncated board has no players.
create or replace function private.studio_clear_score_buckets()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from studio.game_score_buckets;
  return null;
end
$$;
create trigger clear_score_buckets after truncate on studio.game_leaderboards
  for each statement execute function private.studio_clear_score_buckets();

-- Counts a game's buckets again from its board: when its score bounds change (the ranges move), and
-- for loading a board in bulk with count_score disabled. The share row exclusive lock waits for the
-- writes in flight (they counted with the old bounds, and are recounted here) and holds new ones
-- until commit (they then read the new bounds).
create or replace function private.studio_recount_score_buckets(p_game_id uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  written integer;
begin
  lock table studio.game_leaderboards in share row exclusive mode;
  delete from studio.game_score_buckets where game_id = p_game_id;
  insert into studio.game_score_buckets (game_id, bucket, shard, players)
  select l.game_id, private.studio_score_bucket(l.score, g.min_score, g.max_score), private.studio_score_shard(l.user_id), count(*)
    from studio.game_leaderboards l join studio.games_catalog g on g.id = l.game_id
   where l.game_id = p_game_id
   group by 1, 2, 3;
  get diagnostics written = row_count;
  return written;
end
$$;

create or replace function private.studio_rebucket_game()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.studio_recount_score_buckets(new.id);
  return null;
end
$$;
create trigger rebucket_game after update of min_score, max_score on studio.games_catalog
  for each row when (old.min_score <> new.min_score or old.max_score <> new.max_score)
  execute function private.studio_rebucket_game();

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on studio.games_catalog, studio.game_play_counts, studio.game_sessions, studio.game_leaderboards, studio.game_score_buckets
  from anon, authenticated;
-- The counts are the trigger's alone (a count written by hand would make every rank below it wrong).
revoke insert, update, delete, truncate on studio.game_score_buckets from service_role;
grant select on studio.games_catalog, studio.game_leaderboards to anon, authenticated;
grant select on studio.game_sessions to authenticated;
alter table studio.games_catalog enable row level security;
alter table studio.game_play_counts enable row level security;
alter table studio.game_sessions enable row level security;
alter table studio.game_leaderboards enable row level security;
alter table studio.game_score_buckets enable row level security;

create policy "anyone reads active games" on studio.games_catalog for select to anon, authenticated using (active);
create policy "anyone reads leaderboards" on studio.game_leaderboards for select to anon, authenticated using (true);
create policy "players read their sessions, support all" on studio.game_sessions for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
-- game_play_counts, game_score_buckets: no client grant (games_catalog.play_count and game_rank() are what
-- clients read); written by triggers and service functions only.

-- Functions ----------------------------------------------------------------------------------------------------
-- Starts a session of an active game. A premium game is bought with billing.spend_item under the
-- caller's key (from their organization's pool when p_organization_id is given and their role may):
-- the same key answers the same session and charges nothing more; the key for another game, or for
-- anything else, is PA106. A free game's key is claimed the same way, so retries answer one session.
create or replace function studio.start_game(p_game_id uuid, p_idempotency_key text, p_organization_id uuid default null)
returns studio.game_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  game studio.games_catalog;
  charged billing.transfers;
  new_id uuid := gen_random_uuid();
  replay text;
  session studio.game_sessions;
begin
  select * into game from studio.games_catalog where id = p_game_id and active;
  if not found then
    raise exception 'no active game %', p_game_id using errcode = 'PA001';
  end if;
  if game.is_premium then
    charged := billing.spend_item('game', game.id::text, 'CREDIT', p_idempotency_key, p_organization_id);
    select * into session from studio.game_sessions where transfer_id = charged.id;
    if found then
      return session;
    end if;
  else
    if p_organization_id is not null then
      raise exception 'a free game is not paid for' using errcode = '22023';
    end if;
    replay := private.idempotency_claim(p_idempotency_key, 'studio.start_game',
                                        jsonb_build_object('game', game.id), new_id::text);
    if replay is not null then
      select * into session from studio.game_sessions where id = replay::uuid;
      return session;
    end if;
  end if;
  insert into studio.game_sessions (id, user_id, game_id, credits_charged, transfer_id, idempotency_key)
  values (new_id, caller, game.id, coalesce(charged.amount, 0), charged.id, p_idempotency_key)
  returning * into session;
  insert into studio.game_play_counts (game_id, shard, plays) values (game.id, floor(random() * 16)::smallint, 1)
  on conflict (game_id, shard) do update set plays = studio.game_play_counts.plays + 1;
  return session;
end
$$;

-- The leaderboard write: keeps the better score (a tie keeps the earlier one). One row per player, so
-- concurrent submissions by different players wait for each other only on a shared score bucket row
-- (count_score). PL/pgSQL keeps the upsert's plan across calls (a SQL function with SET is planned on
-- every call).
create or replace function private.studio_record_score(p_game_id uuid, p_user_id uuid, p_score bigint, p_session_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into studio.game_leaderboards (game_id, user_id, score, session_id, achieved_at)
  values (p_game_id, p_user_id, p_score, p_session_id, now())
  on conflict (game_id, user_id) do update
    set score = excluded.score, session_id = excluded.session_id, achieved_at = excluded.achieved_at
    where studio.game_leaderboards.score < excluded.score;
end
$$;

-- Ends the caller's session with its score. The duration is the server's (since start_game); a score
-- outside the game's bounds or a session shorter than its minimum duration is refused: the session
-- closes as 'refused' with the reason, the attempt goes to audit.security_events, and nothing reaches
-- the leaderboard. Accepted: 'finished', and the leaderboard keeps the player's best. PA115 once ended.
create or replace function studio.finish_game(p_session_id uuid, p_score bigint)
returns studio.game_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  session studio.game_sessions;
  game studio.games_catalog;
  played integer;
  refusal text;
begin
  if p_score is null then
    raise exception 'a score is required' using errcode = '22023';
  end if;
  select * into session from studio.game_sessions where id = p_session_id and user_id = caller for update;
  if not found then
    raise exception 'no game session %', p_session_id using errcode = 'PA001';
  end if;
  if session.status <> 'playing' then
    raise exception 'game session % is already %', p_session_id, session.status using errcode = 'PA115';
  end if;
  select * into game from studio.games_catalog where id = session.game_id;
  played := floor(extract(epoch from clock_timestamp() - session.started_at))::integer;
  refusal := case when p_score not between game.min_score and game.max_score then 'score_out_of_bounds'
                  when played < game.min_duration_seconds then 'too_fast' end;
  update studio.game_sessions
     set status = case when refusal is null then 'finished' else 'refused' end, completed = refusal is null,
         refusal_reason = refusal, score = p_score, ended_at = greatest(clock_timestamp(), started_at), duration_seconds = played
   where id = session.id
  returning * into session;
  if refusal is null then
    perform private.studio_record_score(game.id, caller, p_score, session.id);
  else
    perform audit.record_security_event(caller, 'studio.game_result_refused', 'medium',
      format('refused a result of game %s: %s', game.slug, refusal),
      jsonb_build_object('session_id', session.id, 'game_id', game.id, 'score', p_score, 'duration_seconds', played,
                         'reason', refusal, 'min_score', game.min_score, 'max_score', game.max_score,
                         'min_duration_seconds', game.min_duration_seconds));
  end if;
  return session;
end
$$;

-- A game's board in rank order (rank: 1 + the players with a better score; ties share a rank and are
-- listed by who got there first). The first page reads the rank index from the top, so it costs its
-- size. A later page starts in the score range its first row falls in (from game_score_buckets: the
-- lowest range with at most p_offset players above it), so it costs its size plus a range's players,
-- not its offset; its ranks are rank() over what it read plus the players above that range.
-- Display names come from public.profiles (signed-in readers), not from here: anon reads the board too.
-- PL/pgSQL keeps its plan across calls; security definer for the counts, which clients do not read.
create or replace function studio.game_leaderboard(p_game_id uuid, p_limit integer default 100, p_offset integer default 0)
returns table (rank bigint, player_id uuid, score bigint, achieved_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  page_size integer := least(greatest(coalesce(p_limit, 100), 0), 1000);
  to_skip integer := greatest(coalesce(p_offset, 0), 0);
  above bigint := 0;
  top_score bigint := 9223372036854775807;
  low bigint;
  high bigint;
  start_bucket smallint;
begin
  if to_skip > 0 then
    select g.min_score, g.max_score into low, high from studio.games_catalog g where g.id = p_game_id;
    select r.bucket, r.above into start_bucket, above
      from (select b.bucket, coalesce(sum(sum(b.players)) over (order by b.bucket desc rows between unbounded preceding and 1 preceding), 0) as above
              from studio.game_score_buckets b where b.game_id = p_game_id group by b.bucket) r
     where r.above <= to_skip
     order by r.bucket
     limit 1;
    if found then
      top_score := private.studio_score_bucket_top(start_bucket, low, high);
      to_skip := to_skip - above;
    else
      above := 0;
    end if;
  end if;
  return query
    select above + b.rank, b.user_id, b.score, b.achieved_at
      from (select l.user_id, l.score, l.achieved_at, rank() over (order by l.score desc) as rank
              from studio.game_leaderboards l
             where l.game_id = p_game_id and l.score <= top_score
             order by l.score desc, l.achieved_at, l.user_id
             limit page_size + to_skip) b
     order by b.score desc, b.achieved_at, b.user_id
    offset to_skip;
end
$$;

-- One player's rank in a game (the caller's when p_user_id is null): no row when they have no score.
-- 1 + the players of the ranges above the player's (game_score_buckets, at most 255 x 4 rows) + those of
-- their own range with a better score (an index range of the rank index, one range's players at most).
-- A stable function reads with its caller's snapshot throughout, so the counts and the board are those
-- of the same commits. Security definer for the counts, which clients do not read; it answers only what
-- the board shows anyone. (The range and its top are computed once, in PL/pgSQL, where they are inlined.)
create or replace function studio.game_rank(p_game_id uuid, p_user_id uuid default null)
returns table (rank bigint, score bigint, achieved_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  mine studio.game_leaderboards;
  low bigint;
  high bigint;
  my_bucket smallint;
  my_top bigint;
begin
  select l.* into mine from studio.game_leaderboards l where l.game_id = p_game_id and l.user_id = coalesce(p_user_id, auth.uid());
  if not found then
    return;
  end if;
  select g.min_score, g.max_score into low, high from studio.games_catalog g where g.id = p_game_id;
  my_bucket := private.studio_score_bucket(mine.score, low, high);
  my_top := private.studio_score_bucket_top(my_bucket, low, high);
  return query
    select 1 + coalesce((select sum(b.players) from studio.game_score_buckets b where b.game_id = p_game_id and b.bucket > my_bucket), 0)::bigint
             + (select count(*) from studio.game_leaderboards o where o.game_id = p_game_id and o.score > mine.score and o.score <= my_top),
           mine.score, mine.achieved_at;
end
$$;

-- The play counts, rolled up every minute (only games whose count moved are written).
create or replace function private.studio_roll_up_play_counts()
returns integer
language sql
security definer
set search_path = ''
as $$
  with totals as (select c.game_id, sum(c.plays)::bigint as plays from studio.game_play_counts c group by c.game_id),
  moved as (
    update studio.games_catalog g set play_count = t.plays from totals t where g.id = t.game_id and g.play_count <> t.plays
    returning 1
  )
  select count(*)::integer from moved
$$;
select cron.schedule('studio-roll-up-play-counts', '* * * * *', 'select private.studio_roll_up_play_counts()');

revoke execute on function studio.start_game(uuid, text, uuid), studio.finish_game(uuid, bigint),
  studio.game_leaderboard(uuid, integer, integer), studio.game_rank(uuid, uuid) from public, anon, authenticated;
revoke execute on function private.studio_check_game_price(), private.studio_record_score(uuid, uuid, bigint, uuid),
  private.studio_roll_up_play_counts(), private.studio_count_score(), private.studio_clear_score_buckets(),
  private.studio_recount_score_buckets(uuid), private.studio_rebucket_game(), private.studio_score_bucket(bigint, bigint, bigint),
  private.studio_score_bucket_top(smallint, bigint, bigint), private.studio_score_shard(uuid) from public, anon, authenticated;
grant execute on function studio.start_game(uuid, text, uuid), studio.finish_game(uuid, bigint) to authenticated;
grant execute on function studio.game_leaderboard(uuid, integer, integer), studio.game_rank(uuid, uuid) to anon, authenticated;
