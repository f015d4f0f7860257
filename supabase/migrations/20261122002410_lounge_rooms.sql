-- Lounge rooms (seed 004 `rooms`, `room_memberships`, Redis `room:{roomId}:members` and
-- `presence:user:{userId}`): rooms with a capacity, joined directly, by invitation or by matchmaking.
--
-- Occupancy is the core's (20261122001260_occupancy.sql): a member sits in a seat of kind
-- `lounge_room`, kept open by heartbeats (lounge.heartbeat every ~30 s is the Redis TTL) and closed by
-- the core's sweeper once unseen for 90 s. A membership (who, which room, how they came) is that seat,
-- read through the view lounge.room_memberships: nothing is copied.
-- Capacity is the core's too: private.take_seat counts and inserts under a per-place lock, so no room
-- ever holds more than its capacity (PA004). `room:<id>` Realtime topics are a conversation subject
-- whose predicate is an open seat in the room, so a member who leaves, moves or is swept loses the
-- topic at once (a channel already joined stays until it reconnects: removal broadcasts `kick`).
--
-- Joins go through lounge.join_room / lounge.matchmake only, never public.join_seat (whose may_sit
-- refuses every lounge room), so that the join_source, the rate limit and the room_join event
-- always go with the seat. Every closing seat (left, moved, removed, swept) writes its room_leave
-- through the seat kind's on_close hook, in the transaction that closes it.

-- A room's description (name, theme, capacity, region) is checked by lounge_room_described below.
create table lounge.rooms (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  theme text not null,
  is_private boolean not null default false,
  capacity integer not null default 50,
  region text not null,
  -- Null for the system rooms seeded per region and theme.
  created_by uuid references public.profiles (id) on delete cascade,
  -- Open seats, as a ranking hint for matchmaking only: set to the room's count of open seats at each
  -- join, lowered at each leave and removal (both under the room's row lock), and recounted each
  -- minute (and by a matchmake that finds every room full) for what touches no room's row: sweeps,
  -- and moves out (a join never waits for the room it leaves). Capacity is enforced by the seats.
  occupancy integer not null default 0 check (occupancy >= 0),
  created_at timestamptz not null default now()
) with (fillfactor = 80);
comment on table lounge.rooms is 'Lounge rooms: public ones readable by signed-in users, private ones by their creator, members and invitees. Created through lounge.create_room.';
-- Matchmaking's candidates: public rooms of a region and theme (sorted by occupancy in the query:
-- occupancy is in no index, so that its updates at every join and leave stay HOT).
create index rooms_matchmaking_idx on lounge.rooms (region, theme) where not is_private;
create index rooms_created_by_idx on lounge.rooms (created_by);

-- The description is checked when it is written (an insert, or an update that sets one of its
-- columns), not by CHECK constraints: PostgreSQL evaluates every CHECK of a table at each update of a
-- row, and a room's row is updated at every join and leave (its occupancy), which never touches the
-- description (its checks were about a twentieth of a join-then-leave). 23514, as a CHECK would say.
create or replace function private.lounge_room_described()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not char_length(btrim(new.name)) between 1 and 80 then
    raise exception 'a room''s name has 1 to 80 characters' using errcode = '23514';
  end if;
  if new.theme not in ('lounge', 'dance', 'sports') then
    raise exception 'a room''s theme is lounge, dance or sports' using errcode = '23514';
  end if;
  if not new.capacity between 2 and 200 then
    raise exception 'a room holds 2 to 200 members' using errcode = '23514';
  end if;
  if new.region !~ '^[a-z]{2,10}$' then
    raise exception 'a room''s region is 2 to 10 lower-case letters' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger lounge_room_described before insert or update of name, theme, capacity, region on lounge.rooms
  for each row execute function private.lounge_room_described();

-- Room visits are the lounge's seats themselves: a membership is a `lounge_room` seat, its join_source
-- the seat's source. A row of its own per visit cost every join a row, three indexes and three
-- foreign-key checks (a fifth of a join-then-leave). Security invoker: a reader sees the
-- seats' policy's rows (their own visits; others' open seats in the room they sit in; moderators all).
create view lounge.room_memberships with (security_invoker = true) as
  select s.id, s.place_id as room_id, s.user_id, s.source as join_source, s.joined_at, s.last_seen_at, s.left_at, s.closed_reason
    from public.seats s
   where s.kind = 'lounge_room';
comment on view lounge.room_memberships is 'Room visits (seed room_memberships): the lounge_room seats, with how the user came (join_source: direct, invite, matchmaking); open while the seat (same id in public.seats) is open. Written only by the lounge''s RPCs, through the seats.';

-- A deleted room (its creator's account deleted) takes its visits with it, as a foreign key would;
-- those still in it are closed first, as removed, so that their room_leave is written.
create or replace function private.lounge_room_deleted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.close_seats('lounge_room', old.id);
  delete from public.seats where kind = 'lounge_room' and place_id = old.id;
  return null;
end
$$;
create trigger lounge_room_deleted after delete on lounge.rooms
  for each row execute function private.lounge_room_deleted();

-- PostgREST embeds a membership's room (`room_memberships?select=*,rooms(*)`) through this function,
-- a view's column having no foreign key to follow. It runs with the caller's rights: the rooms'
-- policy decides what is embedded.
create or replace function lounge.rooms(p_membership lounge.room_memberships)
returns setof lounge.rooms
rows 1
language sql
stable
set search_path = ''
as $$
  select r.* from lounge.rooms r where r.id = p_membership.room_id
$$;

-- Limits per user a minute (the seed's rl:ws:{userId}:{eventType}:{minuteBucket}), on the core's
-- limiter with keys lounge:<event>:<user id>; staff tune them here.
insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('lounge.joins_per_minute', '30', 'number', 'Room joins a user may make a minute', true, '{"min": 1, "max": 10000}'),
  ('lounge.matchmakes_per_minute', '30', 'number', 'Matchmaking requests a user may make a minute', true, '{"min": 1, "max": 10000}'),
  ('lounge.heartbeats_per_minute', '12', 'number', 'Room heartbeats a user may send a minute (one every 30 s is expected)', true, '{"min": 2, "max": 10000}'),
  ('lounge.reports_per_minute', '5', 'number', 'Reports a user may file from rooms a minute', true, '{"min": 1, "max": 1000}'),
  ('lounge.purchases_per_minute', '30', 'number', 'Lounge purchases (retries included) a user may make a minute', true, '{"min": 1, "max": 1000}'),
  ('lounge.rooms_per_minute', '10', 'number', 'Rooms a user may create a minute', true, '{"min": 1, "max": 1000}'),
  ('lounge.renames_per_minute', '5', 'number', 'Display name changes a user may make a minute', true, '{"min": 1, "max": 1000}');

-- Registrations: the seat kind ----------------------------------------------------------------------------
-- The registered functions run at every join and topic check: PL/pgSQL, whose plans are kept (a SQL
-- function with SET search_path is parsed and planned again at every call).
create or replace function private.lounge_room_capacity(p_room_id uuid)
returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select r.capacity from lounge.rooms r where r.id = p_room_id);
end
$$;

-- Nobody takes a lounge seat through public.join_seat: lounge.join_room and lounge.matchmake seat
-- members themselves (private.take_seat, after checking who may enter under the room's row lock).
create or replace function private.lounge_may_sit(p_room_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select false
$$;

-- Every closing seat writes room_leave (left, moved, removed or swept; left_at is when the member
-- was last seen for a swept seat).
create or replace function private.lounge_seat_closed(p_seat_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_analytics_event(s.user_id, 'room_leave', jsonb_build_object('room_id', s.place_id,
            'seconds_in_room', greatest(0, floor(extract(epoch from s.left_at - s.joined_at)))::integer))
     from public.seats s where s.id = p_seat_id;
end
$$;

insert into private.seat_kinds (kind, product, capacity, may_sit, on_close)
values ('lounge_room', 'lounge', 'private.lounge_room_capacity(uuid)', 'private.lounge_may_sit(uuid, uuid)', 'private.lounge_seat_closed(uuid)');

-- Registrations: the `room` subject and its Realtime topic -------------------------------------------------
-- room:<id>: an active user with an open seat in the room (left, moved, swept or removed: refused).
create or replace function private.lounge_room_topic_allowed(p_room_id uuid, p_user_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return private.has_open_seat('lounge_room', p_room_id, p_user_id)
     and exists (select 1 from public.profiles p where p.id = p_user_id and p.status = 'active');
end
$$;

-- Rooms have no stored channels (room text is Broadcast only): nobody is a channel participant.
create or replace function private.lounge_room_participant_role(p_room_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select null::text
$$;

-- Private rooms the caller may read: created, invited to, or sitting in.
create or replace function private.lounge_my_private_room_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select r.id from lounge.rooms r where r.created_by = auth.uid() and r.is_private
  union
  select i.subject_id from public.invitations i
   where i.subject_type = 'room' and (i.accepted_by = auth.uid() or (i.accepted_at is null and i.invited_user_id = auth.uid() and i.expires_at > now()))
  union
  select o.place_id from private.my_open_places() o where o.kind = 'lounge_room'
$$;

-- Reports: a room as the target or the context of a report (a user reported in a room): a room the
-- reporter can read or has been in.
create or replace function private.lounge_reportable_room(p_target_id text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  target uuid := private.target_uuid(p_target_id);
begin
  return exists (select 1 from lounge.rooms r
                  where r.id = target
                    and (not r.is_private or r.id in (select private.lounge_my_private_room_ids())
                         or exists (select 1 from lounge.room_memberships m where m.room_id = r.id and m.user_id = auth.uid())));
end
$$;

-- Grants and policies -----------------------------------------------------------------------------------------
revoke all on lounge.rooms, lounge.room_memberships from anon, authenticated;
-- The view writes nothing: the seats are written by the RPCs only (no role may write them).
revoke insert, update, delete, truncate on lounge.room_memberships from service_role;
grant select on lounge.rooms, lounge.room_memberships to authenticated;
alter table lounge.rooms enable row level security;

create policy "signed-in users read public rooms; creators, members and invitees private ones" on lounge.rooms
  for select to authenticated
  using (not is_private or id in (select private.lounge_my_private_room_ids()) or (select private.has_permission('moderation.act')));

-- Entering a room -------------------------------------------------------------------------------------------------
-- A lounge seat as the membership the RPCs answer (the view's row, without reading the view again).
create or replace function private.lounge_membership_of(p_seat public.seats)
returns lounge.room_memberships
language plpgsql
immutable
set search_path = ''
as $$
begin
  return row(p_seat.id, p_seat.place_id, p_seat.user_id, p_seat.source, p_seat.joined_at, p_seat.last_seen_at, p_seat.left_at,
             p_seat.closed_reason)::lounge.room_memberships;
end
$$;

-- Sits the caller in the room (a private one: its creator or an invitee, join_source `invite` then)
-- and takes its seat (the membership) and writes the room_join event (the room moved out of gets its
-- room_leave from the seat's on_close hook). The room's row is locked first: joins of one room run one
-- at a time (matchmaking skips rooms being joined), before the core's user and place locks, always in
-- that order. No other room's row is locked: a join that also waited for the room it moves out of
-- could deadlock with the same user's leave of it, or with a move the other way.
create or replace function private.lounge_enter(p_caller uuid, p_room_id uuid, p_source text)
returns lounge.room_memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  room lounge.rooms;
  source text := p_source;
  previous public.seats;
  seat public.seats;
  membership lounge.room_memberships;
begin
  select * into room from lounge.rooms where id = p_room_id for update;
  if room.id is null then
    raise exception 'no room %', p_room_id using errcode = 'PA001';
  end if;
  if room.is_private and room.created_by is distinct from p_caller then
    if not private.has_subject_invitation('room', room.id, p_caller) then
      raise exception 'you may not sit in this place' using errcode = '42501';
    end if;
    source := 'invite';
  end if;
  select * into previous from public.seats where kind = 'lounge_room' and user_id = p_caller and left_at is null;
  seat := private.take_seat('lounge_room', p_room_id, p_caller, room.capacity, source);
  -- The hint becomes the room's open seats, this one included (a count, not a step: whatever a sweep
  -- or a move out left uncounted is made right by the room's next join).
  update lounge.rooms set occupancy = (select count(*) from public.seats s where s.kind = 'lounge_room' and s.place_id = p_room_id and s.left_at is null)
   where id = p_room_id;
  membership := private.lounge_membership_of(seat);
  if seat.id = previous.id then
    -- Already here: the join was a heartbeat.
    return membership;
  end if;
  perform private.record_analytics_event(p_caller, 'room_join', jsonb_build_object('room_id', p_room_id, 'join_source', source));
  return membership;
end
$$;

-- Joins a room: a public one, or a private one the caller created or is invited to (join_source
-- `invite` then). Joining the room one is in is a heartbeat; joining another moves there (once it has
-- space). PA004 when full, 42501 when not allowed, PA111 past the joins-per-minute limit.
create or replace function lounge.join_room(p_room_id uuid)
returns lounge.room_memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform private.commit_presence_async();
  perform private.rate_limit('lounge:join:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.joins_per_minute'), 30)::integer);
  return private.lounge_enter(caller, p_room_id, 'direct');
end
$$;

-- Finds a public room with space in the region (and theme, when given) and joins it: among the 20
-- fullest rooms with space, rooms with someone the caller blocked or who blocked the caller are
-- skipped, the rest ranked by how many there share an interest with the caller (p_interests, or the
-- caller's profile's), then by fill. A room being joined right now is skipped at first (its row is
-- locked), then waited for; a room found full is passed over. PA004 when no room has space.
-- (The fill is the rooms' occupancy hint: counted at every join, lowered at every leave, and counted
-- again for the rooms that look full when none has space, so an emptied room is not passed over.)
create or replace function lounge.matchmake(p_region text, p_theme text default null, p_interests text[] default null)
returns lounge.room_memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  wanted text[];
  blocked_ids uuid[];
  current_room uuid;
  candidates uuid[];
  candidate uuid;
  recounted boolean := false;
begin
  perform private.commit_presence_async();
  perform private.rate_limit('lounge:matchmake:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.matchmakes_per_minute'), 30)::integer);
  if p_region is null or p_region !~ '^[a-z]{2,10}$' then
    raise exception 'a region (eu, me...) is required' using errcode = '22023';
  end if;
  if p_theme is not null and p_theme not in ('lounge', 'dance', 'sports') then
    raise exception 'a theme is lounge, dance or sports' using errcode = '22023';
  end if;
  if cardinality(p_interests) > 10 or octet_length(array_to_string(p_interests, '')) > 300 then
    raise exception 'at most 10 interests' using errcode = '22023';
  end if;
  wanted := coalesce(p_interests, (select p.interests from lounge.profiles p where p.user_id = caller), '{}');
  blocked_ids := array(select b.blocked_id from public.blocks b where b.blocker_id = caller
                   union select b.blocker_id from public.blocks b where b.blocked_id = caller);
  select s.place_id into current_room from public.seats s where s.kind = 'lounge_room' and s.user_id = caller and s.left_at is null;

  for attempt in 1..3 loop
    -- With no interests to share and nobody blocked, who sits where cannot change the order: the
    -- fullest rooms with space, without looking at their seats.
    if cardinality(wanted) = 0 and cardinality(blocked_ids) = 0 then
      candidates := array(
        select r.id from lounge.rooms r
         where r.region = p_region and (p_theme is null or r.theme = p_theme) and not r.is_private
           and r.occupancy < r.capacity and r.id is distinct from current_room
         order by r.occupancy desc
         limit 20);
    else
      candidates := array(
        select r.id
          from (select r.id, r.occupancy from lounge.rooms r
                 where r.region = p_region and (p_theme is null or r.theme = p_theme) and not r.is_private
                   and r.occupancy < r.capacity and r.id is distinct from current_room
                 order by r.occupancy desc
                 limit 20) r
          left join lateral (
            select count(*) filter (where p.interests && wanted) as shared,
                   coalesce(bool_or(s.user_id = any (blocked_ids)), false) as has_blocked
              from public.seats s left join lounge.profiles p on p.user_id = s.user_id
             where s.kind = 'lounge_room' and s.place_id = r.id and s.left_at is null) m on true
         where not m.has_blocked
         order by m.shared desc, r.occupancy desc);
    end if;
    if cardinality(candidates) = 0 then
      -- Every room looks full. A room moved out of keeps its hint until its next join (a join never
      -- waits for the room it leaves), so the rooms that look full are counted again, once.
      exit when recounted;
      recounted := true;
      update lounge.rooms r
         set occupancy = (select count(*) from public.seats s where s.kind = 'lounge_room' and s.place_id = r.id and s.left_at is null)
       where r.region = p_region and (p_theme is null or r.theme = p_theme) and not r.is_private and r.occupancy >= r.capacity;
      continue;
    end if;
    foreach candidate in array candidates loop
      -- A room found full is passed over, and its lock goes with the block that took it: no
      -- matchmaker holds one room while it waits for another (two would deadlock).
      begin
        -- First pass: only rooms nobody is joining now; later passes wait for the room's lock.
        if attempt = 1 then
          perform 1 from lounge.rooms r where r.id = candidate for update skip locked;
          continue when not found;
        end if;
        return private.lounge_enter(caller, candidate, 'matchmaking');
      exception when sqlstate 'PA004' then
        null;
      end;
    end loop;
  end loop;
  raise exception 'no public room with space in region %', p_region using errcode = 'PA004';
end
$$;

-- Leaves the caller's room (nothing to leave: null); the seat's on_close hook writes room_leave.
create or replace function lounge.leave_room()
returns lounge.room_memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  seat public.seats;
begin
  perform private.commit_presence_async();
  select * into seat from public.seats where kind = 'lounge_room' and user_id = caller and left_at is null;
  if seat.id is null then
    return null;
  end if;
  -- The room's row before the seat's, as joins take them (the other order could deadlock with a
  -- join of the same user).
  update lounge.rooms set occupancy = greatest(occupancy - 1, 0) where id = seat.place_id;
  return private.lounge_membership_of(private.leave_seat_of(seat.id, caller));
end
$$;

-- Every ~30 s while in a room (the seed's presence TTL): keeps the seat open. PA115 when the caller
-- is in no room or was unseen for 90 s (join again); PA111 past the heartbeats-per-minute limit.
create or replace function lounge.heartbeat()
returns public.seats
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  seat_id uuid;
begin
  perform private.commit_presence_async();
  perform private.rate_limit('lounge:heartbeat:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.heartbeats_per_minute'), 12)::integer);
  select s.id into seat_id from public.seats s where s.kind = 'lounge_room' and s.user_id = caller and s.left_at is null;
  if seat_id is null then
    raise exception 'you are in no room: join again' using errcode = 'PA115';
  end if;
  return private.heartbeat_seat_of(seat_id, caller);
end
$$;

-- Creating, inviting, removing ------------------------------------------------------------------------------------
create or replace function lounge.create_room(p_name text, p_theme text, p_region text, p_is_private boolean default false, p_capacity integer default 50)
returns lounge.rooms
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  room lounge.rooms;
begin
  perform private.rate_limit('lounge:create_room:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.rooms_per_minute'), 10)::integer);
  insert into lounge.rooms (name, theme, region, is_private, capacity, created_by)
  values (btrim(p_name), p_theme, p_region, coalesce(p_is_private, false), coalesce(p_capacity, 50), caller)
  returning * into room;
  return room;
exception when check_violation or not_null_violation then
  raise exception 'invalid room: %', sqlerrm using errcode = '22023';
end
$$;

-- The creator of a private room invites a user to it (public.accept_invitation accepts with the token,
-- public.revoke_invitation takes it back); the invitee may then read and join the room.
create or replace function lounge.invite_to_room(p_room_id uuid, p_user_id uuid)
returns table (invitation_id uuid, token text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if not exists (select 1 from lounge.rooms r where r.id = p_room_id and r.created_by = caller) then
    raise exception 'only the room''s creator invites to it' using errcode = '42501';
  end if;
  if not exists (select 1 from lounge.rooms r where r.id = p_room_id and r.is_private) then
    raise exception 'a public room needs no invitation' using errcode = '22023';
  end if;
  return query select * from private.create_subject_invitation('room', p_room_id, p_user_id, 'guest');
end
$$;

-- The room's creator (or a moderator) sends a member out: the seat closes (the topic is refused at
-- once) and `kick` is broadcast on room:<id> with the user's id, so that clients already on the
-- channel drop it (Realtime checks policies when a channel is joined, not per message).
create or replace function lounge.remove_member(p_room_id uuid, p_user_id uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if not (exists (select 1 from lounge.rooms r where r.id = p_room_id and r.created_by = caller)
          or private.has_permission('moderation.act')) then
    raise exception 'only the room''s creator or a moderator removes members' using errcode = '42501';
  end if;
  perform 1 from lounge.rooms where id = p_room_id for update;  -- the room's row before the seat's, as joins
  if private.close_seats('lounge_room', p_room_id, p_user_id) = 0 then
    return false;
  end if;
  update lounge.rooms set occupancy = greatest(occupancy - 1, 0) where id = p_room_id;
  perform realtime.send(jsonb_build_object('user_id', p_user_id), 'kick', 'room:' || p_room_id::text, true);
  return true;
end
$$;

-- A user reports another user seen in a room (the seed's reports: room_id as the report's context),
-- rate-limited per minute; the report_user event is written with it. Returns the report's id.
create or replace function lounge.report_user(
  p_user_id uuid, p_room_id uuid, p_reason text, p_description text default null, p_evidence_paths text[] default '{}')
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  report_id uuid;
begin
  perform private.rate_limit('lounge:report:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.reports_per_minute'), 5)::integer);
  insert into public.reports (reporter_id, target_type, target_id, context_type, context_id, reason, description, evidence_paths)
  values (caller, 'user', p_user_id::text, case when p_room_id is not null then 'room' end, p_room_id::text,
          p_reason, p_description, coalesce(p_evidence_paths, '{}'))
  returning id into report_id;
  perform private.record_analytics_event(caller, 'report_user', jsonb_strip_nulls(jsonb_build_object('user_id', p_user_id, 'room_id', p_room_id,
    'report_type', case when p_reason in ('harassment', 'spam', 'hate', 'other') then p_reason end)));
  return report_id;
end
$$;

-- Keeps the matchmaking hint in line after sweeps and moves (each minute).
create or replace function private.lounge_recount_occupancy()
returns integer
language sql
security definer
set search_path = ''
as $$
  with counted as (
    select r.id, coalesce(c.n, 0) as n
      from lounge.rooms r
      left join (select s.place_id, count(*)::integer as n from public.seats s
                  where s.kind = 'lounge_room' and s.left_at is null group by s.place_id) c on c.place_id = r.id
  ), fixed as (
    -- Rooms being joined or left right now are skipped (they count themselves); nobody waits for this.
    update lounge.rooms r set occupancy = counted.n from counted
     where counted.id = r.id and r.occupancy <> counted.n
       and r.id in (select l.id from lounge.rooms l join counted c on c.id = l.id where l.occupancy <> c.n for update of l skip locked)
    returning 1
  )
  select count(*)::integer from fixed
$$;
select cron.schedule('lounge-recount-occupancy', '* * * * *', 'select private.lounge_recount_occupancy()');

insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
values ('room', 'lounge', 'room', 'lounge.join_room(uuid)', 'private.lounge_room_participant_role(uuid, text, uuid)',
        'private.lounge_room_topic_allowed(uuid, uuid)');

insert into public.report_target_types (target_type, product, check_function, description)
values ('room', 'lounge', 'private.lounge_reportable_room(text)', 'A lounge room the reporter can read or has been in (target id: its id); also the context of a user reported in a room.');

grant execute on function lounge.join_room(uuid), lounge.matchmake(text, text, text[]), lounge.leave_room(), lounge.heartbeat(),
  lounge.create_room(text, text, text, boolean, integer), lounge.invite_to_room(uuid, uuid), lounge.remove_member(uuid, uuid),
  lounge.report_user(uuid, uuid, text, text, text[]), lounge.rooms(lounge.room_memberships) to authenticated;
grant execute on function private.lounge_my_private_room_ids() to authenticated;
revoke execute on function private.lounge_room_capacity(uuid), private.lounge_may_sit(uuid, uuid), private.lounge_room_topic_allowed(uuid, uuid),
  private.lounge_room_participant_role(uuid, text, uuid), private.lounge_reportable_room(text), private.lounge_enter(uuid, uuid, text),
  private.lounge_recount_occupancy(), private.lounge_seat_closed(uuid), private.lounge_room_deleted(), private.lounge_room_described(),
  private.lounge_membership_of(public.seats) from service_role;
