-- Occupancy: seats in a product's places (a room, a space) under the place's capacity,
-- kept alive by heartbeats. The core knows no product: a product registers a seat kind (how many may
-- sit in one of its places, and who may sit there), and clients then call
--   public.join_seat(kind, place) -> public.heartbeat_seat(seat) every ~30 s -> public.leave_seat(seat).
-- A seat unseen for 90 s counts as gone at once (has_open_seat, join) and is closed by the sweeper.
-- One open seat per user per kind: sitting elsewhere of the same kind moves the user.
-- Closed seats stay as the history of visits (joined_at, left_at, closed_reason, source), until
-- their user or their place is deleted.

-- The registry ---------------------------------------------------------------------------------------------
create table private.seat_kinds (
  kind text primary key check (kind ~ '^[a-z_]{2,30}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  -- capacity(p_place_id uuid) returns integer: how many may sit there; null when there is no such place.
  -- A product whose places have a capacity column registers a one-line SQL function reading it.
  capacity text not null,
  -- may_sit(p_place_id uuid, p_user_id uuid) returns boolean: whether that user may take a seat there.
  may_sit text not null,
  -- Optional on_close(p_seat_id uuid) returns void: called in the same transaction whenever a seat of
  -- this kind closes (left, moved, swept, removed), so a product's own record of the visit closes with it.
  -- Called by a trigger generated for the kind at registration (seat_kind_hooks below): a static call
  -- whose plan is kept, where a dispatch by the kind's name would parse and plan a statement at every close.
  on_close text
);
comment on table private.seat_kinds is 'Seat kinds registered by products: the capacity of their places and who may sit there (function signatures, resolved at lookup).';
alter table private.seat_kinds enable row level security;
revoke all on private.seat_kinds from anon, authenticated;

create or replace function private.check_seat_kind()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.registered_function(new.capacity, array['uuid']::regtype[], 'integer');
  perform private.registered_function(new.may_sit, array['uuid', 'uuid']::regtype[], 'boolean');
  if new.on_close is not null then
    perform private.registered_function(new.on_close, array['uuid']::regtype[], 'void');
  end if;
  return new;
end
$$;
create trigger check_seat_kind before insert or update on private.seat_kinds
  for each row execute function private.check_seat_kind();

create or replace function private.seat_kind(p_kind text)
returns private.seat_kinds
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_kind private.seat_kinds;
begin
  select * into found_kind from private.seat_kinds where kind = p_kind;
  if not found then
    raise exception 'unknown seat kind "%"', coalesce(p_kind, 'null') using errcode = 'PA001';
  end if;
  return found_kind;
end
$$;

-- How long a seat lives without a heartbeat (clients beat every ~30 s).
create or replace function private.seat_unseen_after()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '90 seconds'
$$;

-- Presence is redone by its client every ~30 s and gone after 90 s unseen: its transactions (join, beat,
-- leave) commit without waiting for their WAL flush (synchronous_commit off for that transaction). A
-- crash of the database server loses at most the last moments of presence (three wal_writer_delay,
-- 600 ms by default), never part of a transaction; the clients join again. Only a transaction that has
-- written nothing yet is switched, so that whatever else a caller writes in it keeps its durability.
-- `occupancy.async_commit` false makes presence wait for its flush again.
insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('occupancy.async_commit', 'true', 'boolean', 'Joins, heartbeats and leaves of seats commit without waiting for the WAL flush', false, '{}');

create or replace function private.commit_presence_async()
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if pg_catalog.pg_current_xact_id_if_assigned() is null
     and coalesce((select c.config_value = 'true'::jsonb from private.system_configuration c where c.config_key = 'occupancy.async_commit'), true) then
    perform pg_catalog.set_config('synchronous_commit', 'off', true);
  end if;
end
$$;

-- Seats ------------------------------------------------------------------------------------------------------
-- Heartbeats rewrite last_seen_at every ~30 s per user: it is in no index and the pages keep room, so
-- they stay HOT updates. Times never go back: now() is the transaction's start, which can be earlier
-- than a concurrent join's, so closing and beating take greatest(now(), last_seen_at).
create table public.seats (
  id uuid primary key default gen_random_uuid(),
  -- A registered kind: checked by trigger, not by a foreign key, whose check locks the kind's one
  -- row at every join (concurrent joins of a kind then all share that row's lock, a MultiXact each).
  kind text not null,
  place_id uuid not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  joined_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  left_at timestamptz,
  -- left: the user left; moved: they sat in another place of the same kind; swept: unseen for 90 s;
  -- removed: the product closed it (a place closed, a user sent out).
  closed_reason text check (closed_reason in ('left', 'moved', 'swept', 'removed')),
  -- How the user came to sit, in the product's words (a lounge member: direct, invite or
  -- matchmaking): products keep no row of their own per visit for it, which would add a row, its
  -- indexes and its foreign keys to every join. Set by private.take_seat's caller; null through
  -- public.join_seat.
  source text check (source ~ '^[a-z][a-z_]{0,29}$'),
  check ((left_at is null) = (closed_reason is null)),
  check (last_seen_at >= joined_at and (left_at is null or left_at >= joined_at))
) with (fillfactor = 80);
comment on table public.seats is 'Who sits in which place of a registered seat kind; open while left_at is null. Written only through join_seat, heartbeat_seat, leave_seat and the sweeper.';
-- One open seat per user per kind (also the predicate's and the policy's lookup).
create unique index seats_one_open_per_kind_idx on public.seats (kind, user_id) where left_at is null;
-- Who sits in a place now: the capacity count and the readers' policy.
create index seats_open_place_idx on public.seats (kind, place_id) where left_at is null;
-- A user's seats, and the foreign key to profiles.
create index seats_user_idx on public.seats (user_id, joined_at desc);
-- A place's visits, newest first: the products' history by place (the lounge's memberships of a room)
-- and a deleted place's seats. Every join and every close writes each index (a close is not a HOT
-- update: left_at is in the partial indexes' predicates), which is still less than a product's own
-- row per visit would write.
create index seats_place_idx on public.seats (kind, place_id, joined_at desc);

-- The kind of a seat is registered, and a kind with seats stays registered (what the foreign key did).
create or replace function private.seat_kind_registered()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from private.seat_kinds k where k.kind = new.kind) then
    raise exception 'unknown seat kind "%"', new.kind using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger seat_kind_registered before insert or update of kind on public.seats
  for each row execute function private.seat_kind_registered();

create or replace function private.seat_kind_in_use()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.kind = old.kind then
    return new;
  end if;
  if exists (select 1 from public.seats s where s.kind = old.kind) then
    raise exception 'seat kind "%" has seats', old.kind using errcode = '23503';
  end if;
  return coalesce(new, old);
end
$$;
create trigger seat_kind_in_use before delete or update of kind on private.seat_kinds
  for each row execute function private.seat_kind_in_use();

-- A closing seat tells its kind's product (on_close), whichever path closed it: a trigger per kind with
-- a hook, `seat_closed_<kind>` on public.seats running the function of the same name in private, made
-- (and remade, and dropped) with the registration.
create or replace function private.seat_kind_hooks()
returns trigger
language plpgsql
set search_path = ''
as $hooks$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    execute format('drop trigger if exists %I on public.seats', 'seat_closed_' || old.kind);
    execute format('drop function if exists private.%I()', 'seat_closed_' || old.kind);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.on_close is not null then
    execute format($fn$
      create function private.%I() returns trigger language plpgsql security definer set search_path = '' as $body$
      begin
        perform %s(new.id);
        return null;
      end
      $body$
    $fn$, 'seat_closed_' || new.kind, private.registered_call(new.on_close));
    execute format('revoke execute on function private.%I() from public, anon, authenticated, service_role', 'seat_closed_' || new.kind);
    execute format('create trigger %I after update of left_at on public.seats for each row
                      when (old.left_at is null and new.left_at is not null and new.kind = %L) execute function private.%I()',
                   'seat_closed_' || new.kind, new.kind, 'seat_closed_' || new.kind);
  end if;
  return null;
end
$hooks$;
create trigger seat_kind_hooks after insert or update or delete on private.seat_kinds
  for each row execute function private.seat_kind_hooks();

-- Predicates -------------------------------------------------------------------------------------------------
-- Whether the user sits in that place now (an open seat seen within 90 s). The topic predicate a
-- product registers for its subject is a one-line wrapper over this, e.g.
--   private.<product>_room_topic_allowed(p_room_id uuid, p_user_id uuid) = private.has_open_seat('<product>_room', p_room_id, p_user_id)
-- so a user whose seat is left, moved or swept loses the topic at once.
create or replace function private.has_open_seat(p_kind text, p_place_id uuid, p_user_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- A misspelt kind in a product's wrapper would silently shut everyone out: it is an error.
  if not exists (select 1 from private.seat_kinds where kind = p_kind) then
    raise exception 'unknown seat kind "%"', coalesce(p_kind, 'null') using errcode = 'PA001';
  end if;
  return exists (select 1 from public.seats s
                  where s.kind = p_kind and s.user_id = p_user_id and s.left_at is null
                    and s.place_id = p_place_id and s.last_seen_at >= now() - private.seat_unseen_after());
end
$$;

-- The places the caller sits in now (for the readers' policy; security definer: no policy queries
-- the table it protects).
create or replace function private.my_open_places()
returns table (kind text, place_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select s.kind, s.place_id from public.seats s
                where s.user_id = auth.uid() and s.left_at is null and s.last_seen_at >= now() - private.seat_unseen_after();
end
$$;

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on public.seats from anon, authenticated;
-- Written only by the RPCs and the sweeper, the server's role included.
revoke insert, update, delete, truncate on public.seats from service_role;
grant select on public.seats to authenticated;
alter table public.seats enable row level security;

-- Others' seats only while open and seen: who sits here now, not who sat here before.
create policy "users read their seats, those sitting in a place its open seats, moderators all" on public.seats
  for select to authenticated
  using (user_id = (select auth.uid())
         or (left_at is null and last_seen_at >= now() - private.seat_unseen_after()
             and (kind, place_id) in (select o.kind, o.place_id from private.my_open_places() o))
         or (select private.has_permission('moderation.act')));

-- has_open_seat answers for any user: it is for the products' topic predicates (run by the core), not for clients.
grant execute on function private.my_open_places(), private.seat_unseen_after() to authenticated, service_role;
grant execute on function private.has_open_seat(text, uuid, uuid) to service_role;

-- RPCs -------------------------------------------------------------------------------------------------------
-- Sits a user in a place of a registered kind whose capacity is p_capacity; who may sit there is the
-- caller's to have checked. Atomic under concurrency: joins of one place run one at a time (an
-- advisory lock on the place), so the count and the insert see every seat taken before; a user's
-- joins of one kind run one at a time too (always locked before the place, so no deadlock). Joining
-- the place one already sits in is a heartbeat; joining another place of the kind moves the user
-- there, and only once the new place has room (PA004 otherwise).
-- public.join_seat runs it after the registry's checks; a product's own joining RPC that has already
-- read its place's capacity and rules (under the place's row lock) calls it directly, without the
-- registry's dynamic calls, and may say how the user came (p_source, kept on a new seat).
create or replace function private.take_seat(p_kind text, p_place_id uuid, p_user_id uuid, p_capacity integer, p_source text default null)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  current_seat public.seats;
  seat public.seats;
begin
  perform pg_advisory_xact_lock(hashtextextended('seat-user:' || p_kind || ':' || p_user_id::text, 0));
  perform pg_advisory_xact_lock(hashtextextended('seat-place:' || p_kind || ':' || p_place_id::text, 0));
  select * into current_seat from public.seats where kind = p_kind and user_id = p_user_id and left_at is null;
  -- The user's own seat unseen for 90 s is gone: it is swept, not revived, and they sit anew.
  if current_seat.last_seen_at < now() - private.seat_unseen_after() then
    update public.seats set left_at = last_seen_at, closed_reason = 'swept' where id = current_seat.id and left_at is null;
    current_seat := null;
  end if;
  if current_seat.place_id = p_place_id then
    update public.seats set last_seen_at = greatest(now(), last_seen_at) where id = current_seat.id and left_at is null returning * into seat;
    if seat.id is not null then
      return seat;
    end if;
    -- Closed meanwhile by the user's own leave (or a removal): they sit anew below.
    current_seat := null;
  end if;
  -- Others' seats unseen for 90 s already count as gone everywhere but in this count: a place found
  -- full has them closed now, so that they free their places (a place with room leaves them to the
  -- sweeper: sweeping at every join read every open seat of the place for nothing).
  if (select count(*) from public.seats where kind = p_kind and place_id = p_place_id and left_at is null) >= p_capacity then
    -- Seats another transaction holds (their user rejoining, the sweeper) are left to it: waiting for
    -- them while holding one's own seat could deadlock with a join the other way.
    update public.seats set left_at = last_seen_at, closed_reason = 'swept'
     where id in (select s.id from public.seats s
                   where s.kind = p_kind and s.place_id = p_place_id and s.left_at is null and s.last_seen_at < now() - private.seat_unseen_after()
                     for update skip locked);
    if not found or (select count(*) from public.seats where kind = p_kind and place_id = p_place_id and left_at is null) >= p_capacity then
      raise exception 'this place is full (% seats)', p_capacity using errcode = 'PA004';
    end if;
  end if;
  -- (A seat closed meanwhile by the user's leave or a removal keeps its reason: the update rechecks
  -- left_at on the seat's latest version.)
  if current_seat.id is not null then
    update public.seats set left_at = greatest(now(), last_seen_at), closed_reason = 'moved' where id = current_seat.id and left_at is null;
  end if;
  insert into public.seats (kind, place_id, user_id, source) values (p_kind, p_place_id, p_user_id, p_source) returning * into seat;
  return seat;
end
$$;

-- Sits the caller in a place: the registry's capacity and rule, then private.take_seat.
create or replace function public.join_seat(p_kind text, p_place_id uuid)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  seat_kind private.seat_kinds := private.seat_kind(p_kind);
  capacity integer;
  may_sit boolean;
begin
  perform private.commit_presence_async();
  if p_place_id is null then
    raise exception 'a place is required' using errcode = '22023';
  end if;
  execute format('select %s($1)', private.registered_call(seat_kind.capacity))
    into capacity using p_place_id;
  if capacity is null then
    raise exception 'no % place %', p_kind, p_place_id using errcode = 'PA001';
  end if;
  execute format('select %s($1, $2)', private.registered_call(seat_kind.may_sit))
    into may_sit using p_place_id, caller;
  if not coalesce(may_sit, false) then
    raise exception 'you may not sit in this place' using errcode = '42501';
  end if;
  return private.take_seat(p_kind, p_place_id, caller, capacity);
end
$$;

-- Keeps a user's seat open and returns it. A seat already closed (left, moved, swept, removed) or
-- unseen for 90 s is not revived: PA115, and the client joins again. For products' own heartbeat RPCs,
-- which have checked their caller.
create or replace function private.heartbeat_seat_of(p_seat_id uuid, p_user_id uuid)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  seat public.seats;
begin
  update public.seats set last_seen_at = greatest(now(), last_seen_at)
   where id = p_seat_id and user_id = p_user_id and left_at is null and last_seen_at >= now() - private.seat_unseen_after()
  returning * into seat;
  if seat.id is null then
    if not exists (select 1 from public.seats where id = p_seat_id and user_id = p_user_id) then
      raise exception 'no seat %', p_seat_id using errcode = 'PA001';
    end if;
    raise exception 'this seat is no longer open: join again' using errcode = 'PA115';
  end if;
  return seat;
end
$$;

-- Keeps the caller's seat open (private.heartbeat_seat_of).
create or replace function public.heartbeat_seat(p_seat_id uuid)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform private.commit_presence_async();
  return private.heartbeat_seat_of(p_seat_id, caller);
end
$$;

-- Closes a user's seat as left and returns it; a seat already closed is returned as it is, and null
-- when the user has no such seat. For products' own leaving RPCs, which have checked their caller.
create or replace function private.leave_seat_of(p_seat_id uuid, p_user_id uuid)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  seat public.seats;
begin
  update public.seats set left_at = greatest(now(), last_seen_at), closed_reason = 'left'
   where id = p_seat_id and user_id = p_user_id and left_at is null
  returning * into seat;
  if seat.id is null then
    select * into seat from public.seats where id = p_seat_id and user_id = p_user_id;
  end if;
  return seat;
end
$$;

-- Leaves the caller's seat; leaving a closed seat changes nothing.
create or replace function public.leave_seat(p_seat_id uuid)
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  seat public.seats;
begin
  perform private.commit_presence_async();
  seat := private.leave_seat_of(p_seat_id, caller);
  if seat.id is null then
    raise exception 'no seat %', p_seat_id using errcode = 'PA001';
  end if;
  return seat;
end
$$;

grant execute on function public.join_seat(text, uuid), public.heartbeat_seat(uuid), public.leave_seat(uuid) to authenticated;

-- For products: close the open seats of a place (all, or one user's), e.g. when a room closes or a
-- user is sent out. Returns how many were closed.
create or replace function private.close_seats(p_kind text, p_place_id uuid, p_user_id uuid default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  closed integer;
begin
  perform private.seat_kind(p_kind);
  update public.seats set left_at = greatest(now(), last_seen_at), closed_reason = 'removed'
   where kind = p_kind and place_id = p_place_id and left_at is null and (p_user_id is null or user_id = p_user_id);
  get diagnostics closed = row_count;
  return closed;
end
$$;

-- The sweeper ------------------------------------------------------------------------------------------------
-- Closes every seat unseen for 90 s (left_at: when it was last seen). Run by pg_cron each minute;
-- until it runs, such seats already count as gone for has_open_seat, the readers' policy and join_seat.
create or replace function private.sweep_seats()
returns integer
language sql
security definer
set search_path = ''
as $$
  -- Seats a join holds are skipped (it sweeps or moves them itself; waiting for them while holding
  -- others could deadlock with it); the next minute takes what is left.
  with swept as (
    update public.seats set left_at = last_seen_at, closed_reason = 'swept'
     where id in (select s.id from public.seats s where s.left_at is null and s.last_seen_at < now() - private.seat_unseen_after()
                   for update skip locked)
    returning 1
  )
  select count(*)::integer from swept
$$;
select cron.schedule('sweep-unseen-seats', '* * * * *', 'select private.sweep_seats()');

revoke execute on function private.check_seat_kind(), private.seat_kind_hooks(), private.seat_kind(text), private.close_seats(text, uuid, uuid),
  private.seat_kind_registered(), private.seat_kind_in_use(), private.leave_seat_of(uuid, uuid), private.heartbeat_seat_of(uuid, uuid), private.commit_presence_async(),
  private.take_seat(text, uuid, uuid, integer, text) from service_role;
