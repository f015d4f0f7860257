-- Messaging: one system for every product's chats: conversations, participants as rows, messages
-- with whispers, replies, attachments, edits and soft delete, receipts, blocks, message notifications and
-- retention. Conversations about a product's things (a campaign, a reading, a room) are "channels"
-- whose subject the product registers (conversation_subjects, the next migration).

-- Blocks (the trust-and-safety issue adds what else a block hides) ------------------------------------------
create table public.blocks (
  blocker_id uuid not null references public.profiles (id) on delete cascade,
  blocked_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (blocker_id, blocked_id),
  check (blocker_id <> blocked_id)
);
create index blocks_blocked_id_idx on public.blocks (blocked_id);

-- Conversations ---------------------------------------------------------------------------------------------
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  -- direct, group and support conversations are the core's; a channel belongs to a registered
  -- subject (a product's campaign, reading, room...) and only that product's RPC creates one.
  kind text not null check (kind in ('direct', 'group', 'support', 'channel')),
  subject_type text check (subject_type ~ '^[a-z_]{2,30}$'),
  subject_id uuid,
  title text check (char_length(title) <= 200),
  -- The product's kind of channel (e.g. a campaign's in character, GM-only, dice); its subject's
  -- participant rule reads it.
  channel_type text check (channel_type ~ '^[a-z_]{2,30}$'),
  encrypted boolean not null default false,
  -- Seed 001's auto-delete: messages older than this are removed by a pg_cron job.
  retention_hours integer check (retention_hours > 0),
  created_by uuid references public.profiles (id) on delete set null,
  last_message_id bigint,
  last_message_at timestamptz,
  last_message_preview text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((subject_type is null) = (subject_id is null)),
  check ((kind = 'channel') = (subject_type is not null))
);
create index conversations_subject_idx on public.conversations (subject_type, subject_id);
create index conversations_created_by_idx on public.conversations (created_by);
create index conversations_retention_idx on public.conversations (id) where retention_hours is not null;

create table public.conversation_participants (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  -- owner and member are the core's; a subject's participant rule may give its own (gm...); a
  -- `reader` reads but does not post (before_message_insert).
  role text not null default 'member' check (role ~ '^[a-z_]{2,30}$'),
  last_read_message_id bigint,
  last_read_at timestamptz,
  unread_count integer not null default 0 check (unread_count >= 0),
  muted boolean not null default false,
  -- Seed 003's archived conversation status, per participant (my_conversations answers it; not left, still delivered).
  archived boolean not null default false,
  joined_at timestamptz not null default now(),
  -- The conversation's latest message (or the joining) as this participant's list orders it: kept
  -- here, beside the user, so the list is an index range per user, not a sort of all their conversations.
  last_activity_at timestamptz not null default now(),
  primary key (conversation_id, user_id)
);
create index conversation_participants_user_idx on public.conversation_participants (user_id, conversation_id);
create index conversation_participants_activity_idx on public.conversation_participants (user_id, last_activity_at desc, conversation_id);

create table public.messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  type text not null default 'text' check (type in ('text', 'roll', 'emote', 'system', 'image', 'file')),
  content text not null check (char_length(content) <= 10000),
  -- Pushed to every participant through Realtime: kept small.
  roll_data jsonb check (octet_length(roll_data::text) <= 4096),
  -- A whisper is readable only by its author and these participants.
  whisper_to uuid[] check (cardinality(whisper_to) between 1 and 50),
  reply_to_id bigint references public.messages (id) on delete set null,
  -- Storage paths in the chat-attachments bucket, with their name, type and size.
  attachments jsonb not null default '[]'
    check (jsonb_typeof(attachments) = 'array' and jsonb_array_length(attachments) <= 10 and octet_length(attachments::text) <= 8192),
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now()
);
create index messages_conversation_idx on public.messages (conversation_id, id desc);
create index messages_author_idx on public.messages (author_id, created_at desc);
create index messages_reply_to_idx on public.messages (reply_to_id) where reply_to_id is not null;
create index messages_whisper_idx on public.messages using gin (whisper_to) where whisper_to is not null;
alter table public.conversations add constraint conversations_last_message_fkey
  foreign key (last_message_id) references public.messages (id) on delete set null;
create index conversations_last_message_idx on public.conversations (last_message_id);

-- Delivery and read state per message (seed 001).
create table public.message_receipts (
  message_id bigint not null references public.messages (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  delivered_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (message_id, user_id)
);
create index message_receipts_user_idx on public.message_receipts (user_id);


create trigger set_updated_at before update on public.conversations for each row execute function private.set_updated_at();


-- Predicates (security definer: policies do not query the tables they protect) -------------------------------
create or replace function private.my_conversation_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select p.conversation_id from public.conversation_participants p where p.user_id = auth.uid();
end
$$;

-- What the caller may read: the conversations they take part in, for moderators the reported ones
-- (private.reported_conversation_ids, defined with the reports by the trust-and-safety migration),
-- and for a subject's monitoring staff its channels (private.conversation_subjects.staff_permission).
-- PL/pgSQL, not SQL: a SQL function is planned on every call, which made this set cost more than
-- the query it protects; PL/pgSQL keeps its plan.
create or replace function private.readable_conversation_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select p.conversation_id from public.conversation_participants p where p.user_id = auth.uid();
  return query select s from private.staff_readable_conversation_ids() s;
end
$$;

-- The part of that set the caller reads as staff, not as a participant: empty for ordinary users.
create or replace function private.staff_readable_conversation_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  monitored record;
begin
  if private.has_permission('moderation.act') then
    return query select r from private.reported_conversation_ids() r;
  end if;
  -- Channels of subjects whose registration names a staff permission the caller holds (checked
  -- once per subject, so other users pay nothing per conversation).
  for monitored in select s.subject_type, s.staff_permission from private.conversation_subjects s where s.staff_permission is not null loop
    if private.has_permission(monitored.staff_permission) then
      return query select c.id from public.conversations c where c.subject_type = monitored.subject_type;
    end if;
  end loop;
end
$$;

create or replace function private.is_participant(p_conversation_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.conversation_participants where conversation_id = p_conversation_id and user_id = auth.uid())
$$;

-- The users the caller blocked: their messages are hidden from the caller.
create or replace function private.my_blocked_user_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select b.blocked_id from public.blocks b where b.blocker_id = auth.uid();
end
$$;

-- Whether someone in the conversation has blocked the caller (or the caller has blocked them), which
-- stops messages in a direct conversation.
create or replace function private.blocked_in_conversation(p_conversation_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.conversation_participants p
      join public.conversations c on c.id = p.conversation_id and c.kind = 'direct'
      join public.blocks b on (b.blocker_id = p.user_id and b.blocked_id = auth.uid())
                           or (b.blocker_id = auth.uid() and b.blocked_id = p.user_id)
     where p.conversation_id = p_conversation_id and p.user_id <> auth.uid())
$$;

-- Grants and policies -----------------------------------------------------------------------------------------
revoke all on public.blocks, public.conversations, public.conversation_participants, public.messages,
  public.message_receipts from anon, authenticated;
grant select, insert, delete on public.blocks to authenticated;
grant select on public.conversations, public.conversation_participants, public.message_receipts to authenticated;
grant update (title) on public.conversations to authenticated;
grant update (muted, archived) on public.conversation_participants to authenticated;
grant select on public.messages to authenticated;
grant insert (conversation_id, type, content, roll_data, whisper_to, reply_to_id, attachments) on public.messages to authenticated;
grant update (content, deleted_at) on public.messages to authenticated;
grant execute on function private.my_conversation_ids(), private.readable_conversation_ids(), private.staff_readable_conversation_ids(),
  private.is_participant(uuid), private.blocked_in_conversation(uuid), private.my_blocked_user_ids() to authenticated, service_role;

alter table public.blocks enable row level security;
alter table public.conversations enable row level security;
alter table public.conversation_participants enable row level security;
alter table public.messages enable row level security;
alter table public.message_receipts enable row level security;

create policy "users read their blocks" on public.blocks for select to authenticated using (blocker_id = (select auth.uid()));
create policy "active users block others" on public.blocks for insert to authenticated
  with check (blocker_id = (select auth.uid()) and (select private.is_active_user()));
create policy "users lift their blocks" on public.blocks for delete to authenticated using (blocker_id = (select auth.uid()));

create policy "participants, and moderators when reported, read conversations" on public.conversations for select to authenticated
  using (id in (select private.readable_conversation_ids()));
-- Only while still taking part: a GM removed from a campaign no longer renames its channels.
create policy "owners taking part rename conversations" on public.conversations for update to authenticated
  using ((select private.is_active_user()) and created_by = (select auth.uid()) and id in (select private.my_conversation_ids()))
  with check (created_by = (select auth.uid()));

-- Own rows first: a query for one's own participations (the conversation list) never needs the set.
create policy "participants read who takes part" on public.conversation_participants for select to authenticated
  using (user_id = (select auth.uid()) or conversation_id in (select private.readable_conversation_ids()));
create policy "participants mute for themselves" on public.conversation_participants for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- A blocker does not see the blocked user's messages anywhere. Taking part is one index probe per
-- row read (a scalar subquery is never hashed; IN or EXISTS over the caller's conversations was, so a
-- page cost as much as the user's whole history of conversations).
create policy "participants read messages, whispers only their author and recipients" on public.messages for select to authenticated
  using (((select true from public.conversation_participants p where p.conversation_id = messages.conversation_id and p.user_id = (select auth.uid()))
          or conversation_id in (select private.staff_readable_conversation_ids()))
         and (whisper_to is null or author_id = (select auth.uid()) or (select auth.uid()) = any (whisper_to)
              or (select private.has_permission('moderation.act')))
         and (author_id is null or author_id not in (select private.my_blocked_user_ids())));
-- System messages are written by server code only (it bypasses RLS).
create policy "active participants write unless blocked" on public.messages for insert to authenticated
  with check ((select private.is_active_user())
              and type <> 'system'
              and conversation_id in (select private.my_conversation_ids())
              and not private.blocked_in_conversation(conversation_id));
create policy "authors edit and delete their messages" on public.messages for update to authenticated
  using (author_id = (select auth.uid()) and deleted_at is null and (select private.is_active_user()))
  with check (author_id = (select auth.uid()));

create policy "users read their receipts and the receipts of their messages" on public.message_receipts for select to authenticated
  using (user_id = (select auth.uid())
         or message_id in (select id from public.messages where author_id = (select auth.uid())));


-- Triggers ------------------------------------------------------------------------------------------------------
-- Before a message is stored: the author is the caller, the send rate is within limits, a reply
-- stays in its conversation, whisper recipients are participants.
create or replace function private.before_message_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  limit_per_minute integer := coalesce(private.config_number('messages.per_minute'), 30)::integer;
  wait integer;
begin
  if auth.uid() is not null then
    new.author_id := auth.uid();
    -- A participant a subject's rule made a `reader` (a spectator in character) reads and does not post.
    if exists (select 1 from public.conversation_participants p
                where p.conversation_id = new.conversation_id and p.user_id = auth.uid() and p.role = 'reader') then
      raise exception 'you read this conversation but do not post in it' using errcode = '42501';
    end if;
  end if;
  if new.author_id is not null then
    -- The core's limiter (20261122000260_rate_limits.sql); messaging keeps its own code, PA113, which
    -- clients already handle (same DETAIL as PA111).
    wait := private.rate_limit_try('messaging:send:' || new.author_id::text, interval '1 minute', limit_per_minute);
    if wait > 0 then
      raise exception 'slow down: at most % messages a minute', limit_per_minute using errcode = 'PA113',
        detail = json_build_object('retry_after', wait, 'limit', limit_per_minute, 'window_seconds', 60)::text;
    end if;
  end if;
  if new.reply_to_id is not null and not exists (select 1 from public.messages m where m.id = new.reply_to_id and m.conversation_id = new.conversation_id) then
    raise exception 'a reply must answer a message of the same conversation' using errcode = '22023';
  end if;
  if new.whisper_to is not null and exists (
       select 1 from unnest(new.whisper_to) r
        where not exists (select 1 from public.conversation_participants p where p.conversation_id = new.conversation_id and p.user_id = r)) then
    raise exception 'whispers go to participants of the conversation' using errcode = '22023';
  end if;
  new.edited_at := null;
  new.deleted_at := null;
  return new;
end
$$;

-- After: the conversation's latest message, everyone else's unread count, and a notification for
-- those who can read it, have not muted the conversation and have not blocked the author.
create or replace function private.after_message_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.conversations
     set last_message_id = new.id, last_message_at = new.created_at,
         last_message_preview = case when new.whisper_to is null then left(new.content, 140) end
   where id = new.conversation_id;
  -- Every participant's list moves the conversation up; readers also count it unread.
  with participants as (
    select p.conversation_id, p.user_id,
           p.user_id is distinct from new.author_id
             and (new.whisper_to is null or p.user_id = any (new.whisper_to))
             -- A blocker never hears from the blocked user (their messages are hidden from them too).
             and not exists (select 1 from public.blocks b where b.blocker_id = p.user_id and b.blocked_id = new.author_id) as reads
      from public.conversation_participants p
     where p.conversation_id = new.conversation_id
  ),
  updated as (
    update public.conversation_participants p
       set last_activity_at = new.created_at,
           unread_count = p.unread_count + case when x.reads then 1 else 0 end
      from participants x
     where p.conversation_id = x.conversation_id and p.user_id = x.user_id
    returning p.user_id, p.muted, x.reads
  )
  insert into public.notifications (user_id, type, payload)
  select u.user_id, 'message', jsonb_build_object('conversation_id', new.conversation_id, 'message_id', new.id, 'author_id', new.author_id)
    from updated u where u.reads and not u.muted;
  return null;
end
$$;

-- Edits: only the content, within the edit window; deletion is soft and final.
create or replace function private.before_message_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.deleted_at is not null then
    raise exception 'a deleted message stays deleted' using errcode = '22023';
  end if;
  if new.content is distinct from old.content then
    if auth.uid() is not null
       and now() - old.created_at > make_interval(mins => coalesce(private.config_number('messages.edit_window_minutes'), 15)::integer) then
      raise exception 'the edit window has passed' using errcode = 'PA114';
    end if;
    new.edited_at := now();
  end if;
  if new.deleted_at is not null then
    new.deleted_at := now();
    new.content := '';
    new.attachments := '[]';
  end if;
  return new;
end
$$;

create trigger before_message_insert before insert on public.messages for each row execute function private.before_message_insert();
create trigger after_message_insert after insert on public.messages for each row execute function private.after_message_insert();
create trigger before_message_update before update on public.messages for each row execute function private.before_message_update();

-- The conversation's preview follows its latest message: an edit shows, a deleted (or moderated)
-- message's text does not linger in the list.
create or replace function private.after_message_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.conversations
     set last_message_preview = case when new.deleted_at is null and new.whisper_to is null then left(new.content, 140) end
   where id = new.conversation_id and last_message_id = new.id;
  return null;
end
$$;
create trigger after_message_update after update of content, deleted_at on public.messages
  for each row when (old.content is distinct from new.content or old.deleted_at is distinct from new.deleted_at)
  execute function private.after_message_update();



-- RPCs ------------------------------------------------------------------------------------------------------------
-- The direct conversation between the caller and another user: found, or made. Refused when either
-- has blocked the other.
create or replace function public.start_direct_conversation(p_other_user_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  found_id uuid;
begin
  if p_other_user_id = caller then
    raise exception 'a conversation needs someone else' using errcode = '22023';
  end if;
  if not exists (select 1 from public.profiles where id = p_other_user_id and status = 'active') then
    raise exception 'no active user %', p_other_user_id using errcode = 'PA001';
  end if;
  if exists (select 1 from public.blocks where (blocker_id = p_other_user_id and blocked_id = caller)
                                            or (blocker_id = caller and blocked_id = p_other_user_id)) then
    raise exception 'you cannot message this user' using errcode = '42501';
  end if;
  -- One direct conversation per pair: the pair is locked while looking for it.
  perform pg_advisory_xact_lock(hashtextextended('direct:' || least(caller, p_other_user_id)::text || greatest(caller, p_other_user_id)::text, 0));
  select c.id into found_id from public.conversations c
    join public.conversation_participants a on a.conversation_id = c.id and a.user_id = caller
    join public.conversation_participants b on b.conversation_id = c.id and b.user_id = p_other_user_id
   where c.kind = 'direct';
  if found_id is null then
    insert into public.conversations (kind, created_by) values ('direct', caller) returning id into found_id;
    insert into public.conversation_participants (conversation_id, user_id, role)
    values (found_id, caller, 'owner'), (found_id, p_other_user_id, 'member');
  end if;
  return found_id;
end
$$;

-- A group chat or a support conversation. Channels about a product's subject are opened by that
-- product's RPC (see private.conversation_subjects), never here: a subject names who may be in it.
-- Nobody is added who blocked the caller or whom the caller blocked.
create or replace function public.create_conversation(
  p_kind text, p_participant_ids uuid[], p_title text default null, p_retention_hours integer default null, p_encrypted boolean default false)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  created uuid;
begin
  if p_kind is null or p_kind not in ('group', 'support') then
    raise exception 'create_conversation makes group and support conversations; % is not one (direct: start_direct_conversation; a product''s channel: its own RPC)', coalesce(p_kind, 'null')
      using errcode = '22023';
  end if;
  if cardinality(p_participant_ids) > 100 then
    raise exception 'at most 100 participants' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(p_participant_ids) u join public.blocks b
               on (b.blocker_id = u and b.blocked_id = caller) or (b.blocker_id = caller and b.blocked_id = u)) then
    raise exception 'you cannot add a user who blocked you or whom you blocked' using errcode = '42501';
  end if;
  insert into public.conversations (kind, title, retention_hours, encrypted, created_by)
  values (p_kind, p_title, p_retention_hours, p_encrypted, caller)
  returning id into created;
  insert into public.conversation_participants (conversation_id, user_id, role)
  select created, caller, 'owner'
  union
  select created, p.id, 'member' from public.profiles p where p.id = any (p_participant_ids) and p.id <> caller and p.status = 'active';
  return created;
end
$$;

-- Leaving a direct, group or support conversation. A channel's participants follow its subject's
-- membership (they would be put back at the next change), so one leaves the subject or mutes the channel.
create or replace function public.leave_conversation(p_conversation_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if not private.is_participant(p_conversation_id) then
    raise exception 'not a participant of %', p_conversation_id using errcode = '42501';
  end if;
  if (select kind from public.conversations where id = p_conversation_id) = 'channel' then
    raise exception 'a channel follows its subject''s membership: leave that, or mute the channel' using errcode = '22023';
  end if;
  delete from public.conversation_participants where conversation_id = p_conversation_id and user_id = caller;
end
$$;

-- Marks the conversation read up to a message (default: the latest), with receipts for what was read.
create or replace function public.mark_conversation_read(p_conversation_id uuid, p_up_to_message_id bigint default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  up_to bigint;
begin
  if not private.is_participant(p_conversation_id) then
    raise exception 'not a participant of %', p_conversation_id using errcode = '42501';
  end if;
  up_to := coalesce(p_up_to_message_id, (select max(id) from public.messages where conversation_id = p_conversation_id));
  insert into public.message_receipts (message_id, user_id, read_at)
  select m.id, caller, now() from public.messages m
   where m.conversation_id = p_conversation_id and m.id <= up_to and m.author_id is distinct from caller
     and m.id > coalesce((select last_read_message_id from public.conversation_participants where conversation_id = p_conversation_id and user_id = caller), 0)
     and (m.whisper_to is null or caller = any (m.whisper_to))
  on conflict (message_id, user_id) do update set read_at = coalesce(message_receipts.read_at, excluded.read_at);
  update public.conversation_participants p
     set last_read_message_id = greatest(coalesce(p.last_read_message_id, 0), up_to), last_read_at = now(),
         unread_count = (select count(*) from public.messages m
                          where m.conversation_id = p_conversation_id and m.id > greatest(coalesce(p.last_read_message_id, 0), up_to)
                            and m.author_id is distinct from caller and m.deleted_at is null
                            and (m.whisper_to is null or caller = any (m.whisper_to))
                            and not exists (select 1 from public.blocks b where b.blocker_id = caller and b.blocked_id = m.author_id))
   where p.conversation_id = p_conversation_id and p.user_id = caller;
end
$$;

-- The caller's conversations, most recent first: latest message, unread count and the others in it.
create or replace function public.my_conversations(p_limit integer default 30, p_before timestamptz default null)
returns table (conversation_id uuid, kind text, title text, subject_type text, subject_id uuid, last_message_at timestamptz,
               last_message_preview text, unread_count integer, muted boolean, archived boolean, participants jsonb,
               last_activity_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id, c.kind, c.title, c.subject_type, c.subject_id, c.last_message_at, c.last_message_preview, me.unread_count, me.muted, me.archived,
         (select coalesce(jsonb_agg(jsonb_build_object('user_id', pr.id, 'display_name', pr.display_name, 'avatar_url', pr.avatar_url)
                                    order by pr.display_name), '[]')
            from public.conversation_participants o join public.profiles pr on pr.id = o.user_id
           where o.conversation_id = c.id and o.user_id <> me.user_id),
         me.last_activity_at
    from public.conversation_participants me
    join public.conversations c on c.id = me.conversation_id
   where me.user_id = auth.uid()
     and (p_before is null or me.last_activity_at < p_before)
   order by me.last_activity_at desc
   limit least(greatest(coalesce(p_limit, 30), 1), 100)
$$;


grant execute on function public.start_direct_conversation(uuid), public.create_conversation(text, uuid[], text, integer, boolean), public.leave_conversation(uuid),
  public.mark_conversation_read(uuid, bigint), public.my_conversations(integer, timestamptz) to authenticated;

-- Retention (seed 001's auto-delete after N hours) ------------------------------------------------------------------
create or replace function private.delete_expired_messages()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  deleted integer;
begin
  -- A conversation under an open report keeps its messages until the report is closed: they are
  -- what the moderators review.
  delete from public.messages m using public.conversations c
   where c.id = m.conversation_id and c.retention_hours is not null
     and m.created_at < now() - make_interval(hours => c.retention_hours)
     and c.id not in (select r from private.reported_conversation_ids() r);
  get diagnostics deleted = row_count;
  return deleted;
end
$$;
select cron.schedule('delete-expired-messages', '*/10 * * * *', 'select private.delete_expired_messages()');

-- Realtime -----------------------------------------------------------------------------------------------------------
-- postgres_changes for messages and participants (unread counts), under RLS.
alter publication supabase_realtime add table public.messages, public.conversation_participants;
alter table public.messages replica identity full;
