-- Reading rooms and calls (seed 001 chat_rooms, video_call_sessions). A reading's room is a core
-- conversation (kind channel, subject `reading`, registered below) with the client (role client) and
-- the reader (role reader); monitors (readings.monitor) read it. Calls happen in the room: the core's
-- public.calls row is what rtc-credentials checks (TURN credentials for its participants), this
-- table is the seed's record of the call (type, states, duration, quality). Signalling (offer,
-- answer, ICE candidates) goes over Broadcast on `conversation:<room id>`, which only participants use.

-- The subject: who takes part in a reading's channels and who may use `reading:<id>` topics.
create or replace function private.tarot_reading_participant_role(p_reading_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case when r.client_id = p_user_id then 'client' when r.reader_id = p_user_id then 'reader' end
    from tarot.reading_sessions r where r.id = p_reading_id
$$;

create or replace function private.tarot_reading_topic_allowed(p_reading_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from tarot.reading_sessions r where r.id = p_reading_id and p_user_id in (r.client_id, r.reader_id))
      or private.has_permission('readings.monitor')
$$;

-- Opens the reading's room, or answers the one it has: the client and the reader, encrypted as the
-- seed's rooms are by default, kept (no auto-delete). PA115 for a cancelled or an AI reading.
create or replace function tarot.open_reading_room(p_reading_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
  room uuid;
begin
  select c.id into room from public.conversations c where c.subject_type = 'reading' and c.subject_id = reading.id;
  if room is not null then
    return room;
  end if;
  if reading.ai or reading.reader_id is null or reading.status = 'cancelled' then
    raise exception 'a room is opened for a reading with a reader that is not cancelled' using errcode = 'PA115';
  end if;
  room := private.open_subject_channel('reading', reading.id, 'room', 'Reading', caller, array[reading.client_id, reading.reader_id]);
  update public.conversations set encrypted = true, retention_hours = null where id = room;
  return room;
end
$$;

-- Calls ----------------------------------------------------------------------------------------------------------------------
create table tarot.video_call_sessions (
  id uuid primary key default gen_random_uuid(),
  reading_id uuid not null references tarot.reading_sessions (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  -- The core's call (rtc-credentials hands TURN credentials to its participants).
  call_id uuid references public.calls (id) on delete set null,
  initiator_id uuid references public.profiles (id) on delete set null,
  -- The two sides of the reading, set by tarot.start_call.
  participants uuid[] not null check (cardinality(participants) = 2),
  call_type text not null default 'video' check (call_type in ('video', 'audio', 'screen_share')),
  status text not null default 'initiated' check (status in ('initiated', 'ringing', 'active', 'ended', 'failed')),
  duration_seconds integer check (duration_seconds >= 0),
  client_quality_rating smallint check (client_quality_rating between 1 and 5),
  reader_quality_rating smallint check (reader_quality_rating between 1 and 5),
  -- Each side's report under its role: {"client": {...}, "reader": {...}}.
  connection_quality jsonb not null default '{}'
    check (jsonb_typeof(connection_quality) = 'object' and octet_length(connection_quality::text) <= 8192),
  server_region text check (char_length(server_region) <= 50),
  ice_servers_used jsonb not null default '[]'
    check (jsonb_typeof(ice_servers_used) = 'array' and octet_length(ice_servers_used::text) <= 4096),
  failure_reason text check (char_length(failure_reason) <= 500),
  started_at timestamptz not null default now(),
  answered_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status in ('ended', 'failed')) = (ended_at is not null)),
  check ((status = 'active') <= (answered_at is not null))
);
comment on table tarot.video_call_sessions is 'Calls of a reading''s two sides in its room: type, states, duration by the database, quality per side.';
-- One call at a time per reading: both sides pressing "call" get the same one.
create unique index video_call_sessions_one_open_idx on tarot.video_call_sessions (reading_id) where status in ('initiated', 'ringing', 'active');
create index video_call_sessions_reading_idx on tarot.video_call_sessions (reading_id, started_at desc);
create index video_call_sessions_conversation_idx on tarot.video_call_sessions (conversation_id);
create index video_call_sessions_call_idx on tarot.video_call_sessions (call_id);
create index video_call_sessions_initiator_idx on tarot.video_call_sessions (initiator_id);
create index video_call_sessions_participants_idx on tarot.video_call_sessions using gin (participants);

-- A call locked for a step by one of its two sides.
create or replace function private.tarot_lock_call(p_call_id uuid, p_caller uuid)
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  the_call tarot.video_call_sessions;
begin
  select * into the_call from tarot.video_call_sessions where id = p_call_id for update;
  if not found or not (p_caller = any (the_call.participants)) then
    raise exception 'no call %', p_call_id using errcode = 'PA001';
  end if;
  return the_call;
end
$$;

-- Starts a call in the reading's room (opened if need be), or answers the one already on. The
-- reading is pending or active. Errors: PA001 not your reading, PA115 not pending or active, 42501 blocked.
create or replace function tarot.start_call(p_reading_id uuid, p_call_type text default 'video')
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
  room uuid;
  core_call public.calls;
  the_call tarot.video_call_sessions;
begin
  if p_call_type is null or p_call_type not in ('video', 'audio', 'screen_share') then
    raise exception 'a call is video, audio or screen_share' using errcode = '22023';
  end if;
  if reading.status not in ('pending', 'active') or reading.reader_id is null then
    raise exception 'calls are made during a pending or active reading with a reader' using errcode = 'PA115';
  end if;
  select * into the_call from tarot.video_call_sessions where reading_id = reading.id and status in ('initiated', 'ringing', 'active');
  if found then
    return the_call;
  end if;
  room := tarot.open_reading_room(reading.id);
  core_call := public.start_call(room);
  insert into tarot.video_call_sessions (reading_id, conversation_id, call_id, initiator_id, participants, call_type)
  values (reading.id, room, core_call.id, caller, array[reading.client_id, reading.reader_id], p_call_type)
  returning * into the_call;
  return the_call;
end
$$;

-- The callee's device rings (initiated -> ringing) or the callee answers (-> active).
create or replace function tarot.ring_call(p_call_id uuid)
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call tarot.video_call_sessions := private.tarot_lock_call(p_call_id, caller);
begin
  if the_call.initiator_id = caller then
    raise exception 'the callee''s device rings, not the caller''s' using errcode = '42501';
  end if;
  if the_call.status <> 'initiated' then
    raise exception 'the call is %, not initiated', the_call.status using errcode = 'PA115';
  end if;
  update tarot.video_call_sessions set status = 'ringing' where id = the_call.id returning * into the_call;
  return the_call;
end
$$;

create or replace function tarot.answer_call(p_call_id uuid)
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call tarot.video_call_sessions := private.tarot_lock_call(p_call_id, caller);
begin
  if the_call.initiator_id = caller then
    raise exception 'the callee answers' using errcode = '42501';
  end if;
  if the_call.status not in ('initiated', 'ringing') then
    raise exception 'the call is %: it cannot be answered', the_call.status using errcode = 'PA115';
  end if;
  update tarot.video_call_sessions set status = 'active', answered_at = now() where id = the_call.id returning * into the_call;
  return the_call;
end
$$;

-- Either side ends the call (p_failed: it broke down, with a reason); the duration is the database's,
-- from the answer to now (0 when never answered). Ending an ended call changes nothing.
create or replace function tarot.end_call(p_call_id uuid, p_failed boolean default false, p_reason text default null)
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call tarot.video_call_sessions := private.tarot_lock_call(p_call_id, caller);
begin
  if the_call.status in ('ended', 'failed') then
    return the_call;
  end if;
  update tarot.video_call_sessions
     set status = case when coalesce(p_failed, false) then 'failed' else 'ended' end, ended_at = now(),
         duration_seconds = coalesce(floor(extract(epoch from now() - answered_at))::integer, 0),
         failure_reason = case when coalesce(p_failed, false) then p_reason end
   where id = the_call.id
  returning * into the_call;
  if the_call.call_id is not null then
    perform public.end_call(the_call.call_id);
  end if;
  return the_call;
end
$$;

-- Each side rates a finished call (1 to 5) and reports its connection; the region and the ICE
-- servers used are the latest report's.
create or replace function tarot.rate_call(
  p_call_id uuid, p_quality integer, p_connection_quality jsonb default null, p_server_region text default null, p_ice_servers_used jsonb default null)
returns tarot.video_call_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call tarot.video_call_sessions := private.tarot_lock_call(p_call_id, caller);
  side text := private.tarot_reading_participant_role(the_call.reading_id, 'room', caller);
begin
  if p_quality is null or p_quality not between 1 and 5 then
    raise exception 'a quality rating is 1 to 5' using errcode = '22023';
  end if;
  if p_connection_quality is not null and (jsonb_typeof(p_connection_quality) <> 'object' or octet_length(p_connection_quality::text) > 4000) then
    raise exception 'connection quality is an object of at most 4000 bytes' using errcode = '22023';
  end if;
  if the_call.status not in ('ended', 'failed') then
    raise exception 'a call is rated once it is over' using errcode = 'PA115';
  end if;
  update tarot.video_call_sessions
     set client_quality_rating = case when side = 'client' then p_quality else client_quality_rating end,
         reader_quality_rating = case when side = 'reader' then p_quality else reader_quality_rating end,
         connection_quality = case when p_connection_quality is null then connection_quality
                                   else connection_quality || jsonb_build_object(side, p_connection_quality) end,
         server_region = coalesce(p_server_region, server_region),
         ice_servers_used = coalesce(p_ice_servers_used, ice_servers_used)
   where id = the_call.id
  returning * into the_call;
  return the_call;
end
$$;

-- Grants and policies ------------------------------------------------------------------------------------------------------
revoke all on tarot.video_call_sessions from anon, authenticated;
grant select on tarot.video_call_sessions to authenticated;
alter table tarot.video_call_sessions enable row level security;
create policy "the two sides, monitors and staff read calls" on tarot.video_call_sessions for select to authenticated
  using ((select auth.uid()) = any (participants) or (select private.has_permission('readings.monitor'))
         or (select private.has_permission('users.read_all')));
-- The callee's app learns of a call (it rings) and both of its end through postgres_changes, under RLS.
alter publication supabase_realtime add table tarot.video_call_sessions;

revoke execute on function private.tarot_lock_call(uuid, uuid) from service_role;
grant execute on function tarot.open_reading_room(uuid), tarot.start_call(uuid, text), tarot.ring_call(uuid), tarot.answer_call(uuid),
  tarot.end_call(uuid, boolean, text), tarot.rate_call(uuid, integer, jsonb, text, jsonb) to authenticated;
