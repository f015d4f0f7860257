-- Real-time calls: a call happens in a conversation, between its participants. The database records
-- that a call is on (who started it, when it ended); the media go peer to peer, or relayed by a TURN server
-- whose short-lived credentials the rtc-credentials edge function gives to the call's participants,
-- and the signalling (offers, answers, ICE candidates) goes over Broadcast on `conversation:<id>`,
-- which only participants may use. Nothing about the media is stored here.

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  started_by uuid references public.profiles (id) on delete set null,
  status text not null default 'active' check (status in ('active', 'ended')),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid references public.profiles (id) on delete set null,
  check ((status = 'ended') = (ended_at is not null)),
  check (ended_at is null or ended_at >= started_at)
);
comment on table public.calls is 'Calls in conversations: started and ended by participants through start_call and end_call; participants read them.';
-- One call on at a time per conversation: both sides pressing "call" get the same one.
create unique index calls_one_active_idx on public.calls (conversation_id) where status = 'active';
create index calls_conversation_idx on public.calls (conversation_id, started_at desc);
create index calls_started_by_idx on public.calls (started_by);
create index calls_ended_by_idx on public.calls (ended_by);

revoke all on public.calls from anon, authenticated;
grant select on public.calls to authenticated;
alter table public.calls enable row level security;

create policy "participants read their conversations' calls" on public.calls for select to authenticated
  using (conversation_id in (select private.my_conversation_ids()));

-- The other participants learn of a call (it rings) and of its end through postgres_changes, under RLS.
alter publication supabase_realtime add table public.calls;

-- Starts a call in a conversation the caller takes part in, or returns the one already on. Refused
-- when someone in a direct conversation blocked the other.
create or replace function public.start_call(p_conversation_id uuid)
returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call public.calls;
begin
  if not private.is_participant(p_conversation_id) then
    raise exception 'not a participant of %', p_conversation_id using errcode = '42501';
  end if;
  if private.blocked_in_conversation(p_conversation_id) then
    raise exception 'you cannot call this user' using errcode = '42501';
  end if;
  insert into public.calls (conversation_id, started_by) values (p_conversation_id, caller)
  on conflict (conversation_id) where status = 'active' do nothing
  returning * into the_call;
  if the_call.id is null then
    select * into the_call from public.calls where conversation_id = p_conversation_id and status = 'active';
  end if;
  return the_call;
end
$$;

-- Ends a call; ending an ended call changes nothing.
create or replace function public.end_call(p_call_id uuid)
returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  the_call public.calls;
begin
  select * into the_call from public.calls where id = p_call_id for update;
  if the_call.id is null then
    raise exception 'no call %', p_call_id using errcode = 'PA001';
  end if;
  if not private.is_participant(the_call.conversation_id) then
    raise exception 'not a participant of this call' using errcode = '42501';
  end if;
  if the_call.status = 'active' then
    update public.calls set status = 'ended', ended_at = greatest(now(), started_at), ended_by = caller where id = p_call_id returning * into the_call;
  end if;
  return the_call;
end
$$;

grant execute on function public.start_call(uuid), public.end_call(uuid) to authenticated;
