-- Conversation subjects: how a product binds conversations to its own things (a campaign, a
-- reading, a room) and to their Realtime topics, without the core knowing the product. A product
-- registers a subject type; then
--   - a channel (kind 'channel') exists only about a registered subject, and only the product's RPC
--     opens one (through private.open_subject_channel: public.create_conversation refuses subjects);
--   - who takes part is the product's rule (participant_role), applied when a channel opens and
--     again whenever a membership changes, in the same transaction: group and organization
--     memberships are watched here, a product's own memberships call
--     private.sync_subject_participant from its triggers;
--   - `<topic_prefix>:<id>` Realtime topics are authorised by the product's predicate;
--     `conversation:<id>` stays the core's (participants).

create table private.conversation_subjects (
  subject_type text primary key check (subject_type ~ '^[a-z_]{2,30}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  topic_prefix text not null unique check (topic_prefix ~ '^[a-z_]{2,30}$' and topic_prefix <> 'conversation'),
  -- The product's RPC that opens channels about the subject (for client developers; must exist).
  opener text not null,
  -- participant_role(p_subject_id uuid, p_channel_type text, p_user_id uuid) returns text: that
  -- user's role in the subject's channels of that type; null when they may not take part.
  participant_role text not null,
  -- topic_predicate(p_subject_id uuid, p_user_id uuid) returns boolean: may they use <prefix>:<id>.
  topic_predicate text not null,
  -- When the subject's members are a group's or an organization's: subjects_in_scope(p_scope_id
  -- uuid) returns setof uuid lists the subjects of that group or organization.
  membership_scope text check (membership_scope in ('group', 'organization')),
  subjects_in_scope text,
  -- Optional on_message(p_subject_id uuid, p_message_id bigint) returns void: called after a message
  -- is posted in one of the subject's channels, in the same transaction (mentions, product events).
  on_message text,
  -- Staff holding this permission read the subject's channels and their messages (a product's
  -- monitors); null: only participants (and moderators, for reported ones).
  staff_permission text references public.staff_permissions (permission),
  check ((membership_scope is null) = (subjects_in_scope is null))
);
alter table private.conversation_subjects enable row level security;
revoke all on private.conversation_subjects from anon, authenticated;

alter table public.conversations add constraint conversations_subject_type_fkey
  foreign key (subject_type) references private.conversation_subjects (subject_type);
alter table public.invitations add constraint invitations_subject_type_fkey
  foreign key (subject_type) references private.conversation_subjects (subject_type);

create or replace function private.check_conversation_subject()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.registered_call(new.opener);
  perform private.registered_function(new.participant_role, array['uuid', 'text', 'uuid']::regtype[], 'text');
  perform private.registered_function(new.topic_predicate, array['uuid', 'uuid']::regtype[], 'boolean');
  if new.subjects_in_scope is not null then
    perform private.registered_function(new.subjects_in_scope, array['uuid']::regtype[], 'uuid', true);
  end if;
  if new.on_message is not null then
    perform private.registered_function(new.on_message, array['uuid', 'bigint']::regtype[], 'void');
  end if;
  return new;
end
$$;
create trigger check_conversation_subject before insert or update on private.conversation_subjects
  for each row execute function private.check_conversation_subject();

create or replace function private.conversation_subject(p_subject_type text)
returns private.conversation_subjects
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  subject private.conversation_subjects;
begin
  select * into subject from private.conversation_subjects where subject_type = p_subject_type;
  if not found then
    raise exception 'unknown conversation subject "%"', p_subject_type using errcode = 'PA001';
  end if;
  return subject;
end
$$;

-- The role the product's rule gives a user in one channel (null: not a participant).
create or replace function private.subject_participant_role(p_subject private.conversation_subjects, p_subject_id uuid, p_channel_type text, p_user_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  role text;
begin
  execute format('select %s($1, $2, $3)', private.registered_call(p_subject.participant_role))
    into role using p_subject_id, p_channel_type, p_user_id;
  return role;
end
$$;

-- Called by a product's RPC once it has decided the caller may open the channel: the channel, with
-- those of the candidates whom the subject's rule lets in.
create or replace function private.open_subject_channel(
  p_subject_type text, p_subject_id uuid, p_channel_type text, p_title text, p_created_by uuid, p_candidate_ids uuid[])
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  subject private.conversation_subjects := private.conversation_subject(p_subject_type);
  channel uuid;
begin
  insert into public.conversations (kind, subject_type, subject_id, channel_type, title, created_by)
  values ('channel', p_subject_type, p_subject_id, p_channel_type, p_title, p_created_by)
  returning id into channel;
  insert into public.conversation_participants (conversation_id, user_id, role)
  select channel, c.user_id, c.role
    from (select u as user_id, private.subject_participant_role(subject, p_subject_id, p_channel_type, u) as role
            from unnest(p_candidate_ids) u) c
   where c.role is not null
  on conflict do nothing;
  return channel;
end
$$;

-- Brings one user's participation in every channel of a subject in line with the product's rule:
-- added, given another role, or removed. Called whenever a membership changes.
create or replace function private.sync_subject_participant(p_subject_type text, p_subject_id uuid, p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  subject private.conversation_subjects := private.conversation_subject(p_subject_type);
  channel record;
  role text;
begin
  for channel in select c.id, c.channel_type from public.conversations c where c.subject_type = p_subject_type and c.subject_id = p_subject_id loop
    role := private.subject_participant_role(subject, p_subject_id, channel.channel_type, p_user_id);
    if role is null then
      delete from public.conversation_participants where conversation_id = channel.id and user_id = p_user_id;
    else
      insert into public.conversation_participants (conversation_id, user_id, role) values (channel.id, p_user_id, role)
      on conflict (conversation_id, user_id) do update set role = excluded.role
        where public.conversation_participants.role is distinct from excluded.role;
    end if;
  end loop;
end
$$;

-- A subject that is gone takes its channels with it (called by the product when it deletes one).
create or replace function private.close_subject_channels(p_subject_type text, p_subject_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  delete from public.conversations where subject_type = p_subject_type and subject_id = p_subject_id
$$;

-- Group and organization memberships: every change re-applies the rules of the subjects that live
-- in that group or organization, for that user, in the same transaction.
create or replace function private.sync_scope_membership()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  scope text := tg_argv[0];
  scope_column text := tg_argv[0] || '_id';
  changed record;
  subject private.conversation_subjects;
  subject_id uuid;
begin
  for changed in
    select (to_jsonb(old) ->> scope_column)::uuid as scope_id, (to_jsonb(old) ->> 'user_id')::uuid as user_id where tg_op in ('UPDATE', 'DELETE')
    union
    select (to_jsonb(new) ->> scope_column)::uuid, (to_jsonb(new) ->> 'user_id')::uuid where tg_op in ('INSERT', 'UPDATE')
  loop
    for subject in select * from private.conversation_subjects s where s.membership_scope = scope loop
      for subject_id in execute format('select * from %s($1)', private.registered_call(subject.subjects_in_scope)) using changed.scope_id loop
        perform private.sync_subject_participant(subject.subject_type, subject_id, changed.user_id);
      end loop;
    end loop;
  end loop;
  return null;
end
$$;
create trigger sync_subject_participants after insert or update or delete on public.group_members
  for each row execute function private.sync_scope_membership('group');
create trigger sync_subject_participants after insert or update or delete on public.organization_members
  for each row execute function private.sync_scope_membership('organization');

-- A message in a subject's channel: the product's on_message hook, if it registered one.
create or replace function private.subject_message_posted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  hook text;
  subject_id uuid;
begin
  select s.on_message, c.subject_id into hook, subject_id
    from public.conversations c join private.conversation_subjects s on s.subject_type = c.subject_type
   where c.id = new.conversation_id;
  if hook is not null then
    execute format('select %s($1, $2)', private.registered_call(hook)) using subject_id, new.id;
  end if;
  return null;
end
$$;
create trigger subject_message_posted after insert on public.messages
  for each row execute function private.subject_message_posted();

-- Invitations to a subject (a private room) --------------------------------------------------------------------
-- Called by a product's RPC once it has decided the caller may invite: an invitation of a registered
-- user to the subject (accepted with public.accept_invitation, revoked with public.revoke_invitation);
-- the token is returned once.
create or replace function private.create_subject_invitation(p_subject_type text, p_subject_id uuid, p_user_id uuid, p_role text)
returns table (invitation_id uuid, token text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_token text := encode(extensions.gen_random_bytes(32), 'hex');
begin
  perform private.conversation_subject(p_subject_type);
  if p_subject_id is null or p_user_id is null then
    raise exception 'a subject and a user are required' using errcode = '22023';
  end if;
  if not exists (select 1 from public.profiles where id = p_user_id and status = 'active') then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  insert into public.invitations (subject_type, subject_id, invited_user_id, role, token_hash, invited_by)
  values (p_subject_type, p_subject_id, p_user_id, p_role, extensions.digest(new_token, 'sha256'), auth.uid())
  returning id into invitation_id;
  token := new_token;
  return next;
end
$$;

-- Whether the user is invited to the subject: an invitation they accepted, or one still open to them.
create or replace function private.has_subject_invitation(p_subject_type text, p_subject_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.invitations i
                  where i.subject_type = p_subject_type and i.subject_id = p_subject_id
                    and (i.accepted_by = p_user_id or (i.accepted_at is null and i.invited_user_id = p_user_id and i.expires_at > now())))
$$;
revoke execute on function private.create_subject_invitation(text, uuid, uuid, text), private.has_subject_invitation(text, uuid, uuid) from service_role;

-- Realtime topics --------------------------------------------------------------------------------------------
-- conversation:<id>: its participants (sending also needs no block between them in a direct
-- conversation). <prefix>:<id>: whom the registered subject's predicate lets in. Anything else: nobody.
create or replace function private.can_use_topic(p_topic text, p_sending boolean default false)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  prefix text := split_part(p_topic, ':', 1);
  target uuid;
  predicate text;
  allowed boolean;
begin
  if p_topic is null or p_topic !~ '^[a-z_]{2,30}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' or auth.uid() is null then
    return false;
  end if;
  target := split_part(p_topic, ':', 2)::uuid;
  if prefix = 'conversation' then
    return private.is_participant(target) and not (p_sending and private.blocked_in_conversation(target));
  end if;
  select s.topic_predicate into predicate from private.conversation_subjects s where s.topic_prefix = prefix;
  if predicate is null then
    return false;
  end if;
  execute format('select %s($1, $2)', private.registered_call(predicate)) into allowed using target, auth.uid();
  return coalesce(allowed, false);
end
$$;

revoke execute on function private.conversation_subject(text),
  private.subject_participant_role(private.conversation_subjects, uuid, text, uuid),
  private.open_subject_channel(text, uuid, text, text, uuid, uuid[]), private.sync_subject_participant(text, uuid, uuid),
  private.close_subject_channels(text, uuid) from service_role;
grant execute on function private.can_use_topic(text, boolean) to authenticated, service_role;

-- Private Broadcast and Presence channels: joining (select) and sending or tracking (insert).
create policy "participants receive broadcasts and presence on their topics" on realtime.messages
  for select to authenticated
  using (extension in ('broadcast', 'presence') and (select private.can_use_topic(realtime.topic())));
create policy "participants send broadcasts and track presence on their topics" on realtime.messages
  for insert to authenticated
  with check (extension in ('broadcast', 'presence') and (select private.can_use_topic(realtime.topic(), true)) and (select private.is_active_user()));
