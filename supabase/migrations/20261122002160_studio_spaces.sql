-- The studio's avatars and virtual spaces (seed 002 "CRAIverse"), on the core's occupancy.
--   avatars         the owner's; at most one active at a time (a partial unique index); appearance is
--                   a bounded JSON object of known keys.
--   virtual_spaces  anyone reads public ones, the owner (and moderators) private ones; the owner writes.
--   space_visits    enter_space takes a seat of kind 'studio_space' (public.join_seat: under the
--                   space's capacity, PA004 when full; a user sits in one space at a time, so entering
--                   another moves them) and records the visit with the avatar; one open visit per
--                   avatar. The visit closes with its seat, whichever way the seat closes (exit_space,
--                   leave_seat, a move, the sweeper, the space closing): the seat kind's on_close hook.
--                   The visitor and the space's owner read it.
--   Realtime        subject 'space', topic space:<id>: those sitting in the space now (has_open_seat),
--                   so leaving, moving or being swept loses the topic at once.

create or replace function private.studio_valid_appearance(p_appearance jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(p_appearance) = 'object'
     and octet_length(p_appearance::text) <= 16384
     and not exists (select 1 from jsonb_object_keys(p_appearance) k
                      where k not in ('model', 'body', 'skin_tone', 'hair', 'eyes', 'outfit', 'accessories', 'colors', 'scale'))
     and coalesce(jsonb_typeof(p_appearance -> 'model') = 'string' and char_length(p_appearance ->> 'model') between 1 and 100, true)
     and coalesce(jsonb_typeof(p_appearance -> 'accessories') = 'array' and jsonb_array_length(p_appearance -> 'accessories') <= 20, true)
     and coalesce(jsonb_typeof(p_appearance -> 'colors') = 'object', true)
     and coalesce(jsonb_typeof(p_appearance -> 'scale') = 'number' and (p_appearance ->> 'scale')::numeric between 0.5 and 2, true)
$$;

create or replace function private.studio_valid_coordinates(p_coordinates jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(p_coordinates) = 'object' and octet_length(p_coordinates::text) <= 256
     and not exists (select 1 from jsonb_each(p_coordinates) e where e.key not in ('x', 'y', 'z') or jsonb_typeof(e.value) <> 'number')
$$;

create table studio.avatars (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  appearance jsonb not null default '{}' check (octet_length(appearance::text) <= 16384) check (private.studio_valid_appearance(appearance)),
  is_active boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index avatars_user_idx on studio.avatars (user_id);
-- One active avatar per user: switching is two updates (or one after the other is deleted).
create unique index avatars_one_active_idx on studio.avatars (user_id) where is_active;
create trigger set_updated_at before update on studio.avatars for each row execute function private.set_updated_at();

create table studio.virtual_spaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 200),
  type text not null check (type in ('plaza', 'room', 'stage', 'gallery', 'arcade', 'lounge')),
  capacity integer not null default 100 check (capacity between 1 and 1000),
  owner_id uuid default auth.uid() references public.profiles (id) on delete set null,
  is_public boolean not null default true,
  -- Where it sits in the world: {x, y, z} numbers.
  coordinates jsonb check (octet_length(coordinates::text) <= 256) check (private.studio_valid_coordinates(coordinates)),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 16384),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index virtual_spaces_owner_idx on studio.virtual_spaces (owner_id);
create index virtual_spaces_public_idx on studio.virtual_spaces (created_at desc) where is_public;
create trigger set_updated_at before update on studio.virtual_spaces for each row execute function private.set_updated_at();

create table studio.space_visits (
  id uuid primary key default gen_random_uuid(),
  avatar_id uuid not null references studio.avatars (id) on delete cascade,
  space_id uuid not null references studio.virtual_spaces (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  seat_id uuid unique references public.seats (id) on delete set null,
  entered_at timestamptz not null default now(),
  exited_at timestamptz,
  duration_seconds integer,
  check ((exited_at is null) = (duration_seconds is null)),
  check (exited_at is null or exited_at >= entered_at)
);
create unique index space_visits_one_open_per_avatar_idx on studio.space_visits (avatar_id) where exited_at is null;
create index space_visits_space_idx on studio.space_visits (space_id, entered_at desc);
create index space_visits_user_idx on studio.space_visits (user_id, entered_at desc);

-- Helpers (security definer: a policy cannot query the table it protects, nor spaces under their own RLS).
create or replace function private.studio_owns_space(p_space_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from studio.virtual_spaces s where s.id = p_space_id and s.owner_id = auth.uid())
$$;

-- Avatars of those sitting with the caller now (so a client can draw who is in the room).
create or replace function private.studio_avatars_near_me()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select v.avatar_id from studio.space_visits v
   where v.exited_at is null
     and v.space_id in (select o.place_id from private.my_open_places() o where o.kind = 'studio_space')
$$;

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on studio.avatars, studio.virtual_spaces, studio.space_visits from anon, authenticated;
grant select, delete on studio.avatars to authenticated;
grant insert (name, appearance, is_active), update (name, appearance, is_active) on studio.avatars to authenticated;
grant select on studio.virtual_spaces to anon, authenticated;
grant delete on studio.virtual_spaces to authenticated;
grant insert (name, type, capacity, is_public, coordinates, metadata), update (name, type, capacity, is_public, coordinates, metadata)
  on studio.virtual_spaces to authenticated;
grant select on studio.space_visits to authenticated;
alter table studio.avatars enable row level security;
alter table studio.virtual_spaces enable row level security;
alter table studio.space_visits enable row level security;

create policy "owners read their avatars, visitors those in their space" on studio.avatars for select to authenticated
  using (user_id = (select auth.uid()) or id in (select private.studio_avatars_near_me()) or (select private.has_permission('moderation.act')));
create policy "active users create their avatars" on studio.avatars for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "active users change their avatars" on studio.avatars for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user())) with check (user_id = (select auth.uid()));
create policy "active users delete their avatars" on studio.avatars for delete to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()));

create policy "anyone reads public spaces" on studio.virtual_spaces for select to anon using (is_public);
create policy "users read public spaces and their own, moderators all" on studio.virtual_spaces for select to authenticated
  using (is_public or owner_id = (select auth.uid()) or (select private.has_permission('moderation.act')));
create policy "active users create spaces they own" on studio.virtual_spaces for insert to authenticated
  with check (owner_id = (select auth.uid()) and (select private.is_active_user()));
create policy "owners change their spaces" on studio.virtual_spaces for update to authenticated
  using (owner_id = (select auth.uid()) and (select private.is_active_user())) with check (owner_id = (select auth.uid()));
create policy "owners delete their spaces" on studio.virtual_spaces for delete to authenticated
  using (owner_id = (select auth.uid()) and (select private.is_active_user()));

create policy "visitors and the space's owner read visits" on studio.space_visits for select to authenticated
  using (user_id = (select auth.uid()) or private.studio_owns_space(space_id) or (select private.has_permission('moderation.act')));

-- Occupancy: the seat kind ------------------------------------------------------------------------------------------
create or replace function private.studio_space_capacity(p_space_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select s.capacity from studio.virtual_spaces s where s.id = p_space_id
$$;

-- A public space takes anyone; a private one its owner only.
create or replace function private.studio_may_enter_space(p_space_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from studio.virtual_spaces s where s.id = p_space_id and (s.is_public or s.owner_id = p_user_id))
$$;

-- A seat of a space closed (exit, leave_seat, a move, the sweeper, the space closing): its visit
-- closes at the seat's time, with its duration, and the visitor leaves the space's channels.
create or replace function private.studio_space_seat_closed(p_seat_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  seat public.seats;
begin
  select * into seat from public.seats where id = p_seat_id;
  update studio.space_visits
     set exited_at = greatest(seat.left_at, entered_at),
         duration_seconds = floor(extract(epoch from greatest(seat.left_at, entered_at) - entered_at))::integer
   where seat_id = p_seat_id and exited_at is null;
  if exists (select 1 from studio.virtual_spaces s where s.id = seat.place_id) then
    perform private.sync_subject_participant('space', seat.place_id, seat.user_id);
  end if;
end
$$;

insert into private.seat_kinds (kind, product, capacity, may_sit, on_close)
values ('studio_space', 'studio', 'private.studio_space_capacity(uuid)', 'private.studio_may_enter_space(uuid, uuid)',
        'private.studio_space_seat_closed(uuid)');

-- Conversation subject 'space' ------------------------------------------------------------------------------------
-- space:<id>: whoever sits in the space now. Its channels: the owner, and those sitting there.
create or replace function private.studio_space_topic_allowed(p_space_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.has_open_seat('studio_space', p_space_id, p_user_id)
$$;

create or replace function private.studio_space_participant_role(p_space_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case when exists (select 1 from studio.virtual_spaces s where s.id = p_space_id and s.owner_id = p_user_id) then 'owner'
              when private.has_open_seat('studio_space', p_space_id, p_user_id) then 'member' end
$$;

-- The owner opens the space's chat (or gets the one already open).
create or replace function studio.open_space_channel(p_space_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  channel uuid;
begin
  if not exists (select 1 from studio.virtual_spaces s where s.id = p_space_id and s.owner_id = caller) then
    raise exception 'only the space''s owner opens its chat' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('studio-space-channel:' || p_space_id::text, 0));
  select c.id into channel from public.conversations c where c.subject_type = 'space' and c.subject_id = p_space_id and c.channel_type = 'chat';
  if channel is null then
    channel := private.open_subject_channel('space', p_space_id, 'chat', null, caller,
      array[caller] || array(select s.user_id from public.seats s where s.kind = 'studio_space' and s.place_id = p_space_id and s.left_at is null));
  end if;
  return channel;
end
$$;

insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
values ('space', 'studio', 'space', 'studio.open_space_channel(uuid)', 'private.studio_space_participant_role(uuid, text, uuid)',
        'private.studio_space_topic_allowed(uuid, uuid)');

-- A space that closes to the public sends out everyone but its owner; a deleted one closes its seats
-- and its channels.
create or replace function private.studio_space_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  visitor uuid;
begin
  if tg_op = 'DELETE' then
    perform private.close_seats('studio_space', old.id);
    perform private.close_subject_channels('space', old.id);
    return old;
  end if;
  if old.is_public and not new.is_public then
    for visitor in select s.user_id from public.seats s
                    where s.kind = 'studio_space' and s.place_id = new.id and s.left_at is null and s.user_id is distinct from new.owner_id loop
      perform private.close_seats('studio_space', new.id, visitor);
    end loop;
  end if;
  return new;
end
$$;
create trigger space_changed after update of is_public on studio.virtual_spaces for each row execute function private.studio_space_changed();
create trigger space_deleted before delete on studio.virtual_spaces for each row execute function private.studio_space_changed();

-- RPCs ------------------------------------------------------------------------------------------------------------
-- Enters a space with one of the caller's avatars (default: the active one). Under the space's
-- capacity (PA004 when full, also under concurrency: join_seat); entering the space one is in is a
-- heartbeat and answers the open visit; entering another moves the caller (the old visit closes).
create or replace function studio.enter_space(p_space_id uuid, p_avatar_id uuid default null)
returns studio.space_visits
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  avatar uuid;
  seat public.seats;
  visit studio.space_visits;
begin
  select a.id into avatar from studio.avatars a
   where a.user_id = caller and (a.id = p_avatar_id or (p_avatar_id is null and a.is_active));
  if avatar is null then
    raise exception 'no such avatar of yours (create one, or activate one)' using errcode = 'PA001';
  end if;
  seat := public.join_seat('studio_space', p_space_id);
  select * into visit from studio.space_visits where seat_id = seat.id and exited_at is null;
  if found then
    return visit;
  end if;
  insert into studio.space_visits (avatar_id, space_id, user_id, seat_id, entered_at)
  values (avatar, p_space_id, caller, seat.id, seat.joined_at)
  returning * into visit;
  perform private.sync_subject_participant('space', p_space_id, caller);
  return visit;
end
$$;

-- Leaves the space of an open visit of the caller's (its seat closes, and with it the visit).
create or replace function studio.exit_space(p_visit_id uuid)
returns studio.space_visits
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  visit studio.space_visits;
begin
  select * into visit from studio.space_visits where id = p_visit_id and user_id = caller;
  if not found then
    raise exception 'no visit %', p_visit_id using errcode = 'PA001';
  end if;
  if visit.exited_at is null and visit.seat_id is not null then
    perform public.leave_seat(visit.seat_id);
  end if;
  select * into visit from studio.space_visits where id = p_visit_id;
  return visit;
end
$$;

revoke execute on function private.studio_valid_appearance(jsonb), private.studio_valid_coordinates(jsonb), private.studio_owns_space(uuid), private.studio_avatars_near_me(),
  private.studio_space_capacity(uuid), private.studio_may_enter_space(uuid, uuid), private.studio_space_seat_closed(uuid),
  private.studio_space_topic_allowed(uuid, uuid), private.studio_space_participant_role(uuid, text, uuid), private.studio_space_changed(),
  studio.open_space_channel(uuid), studio.enter_space(uuid, uuid), studio.exit_space(uuid) from public, anon, authenticated;
-- Policies call these as the client.
grant execute on function private.studio_valid_appearance(jsonb), private.studio_valid_coordinates(jsonb), private.studio_owns_space(uuid), private.studio_avatars_near_me() to authenticated;
grant execute on function studio.open_space_channel(uuid), studio.enter_space(uuid, uuid), studio.exit_space(uuid) to authenticated;
