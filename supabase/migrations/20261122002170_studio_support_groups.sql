-- The studio's social impact modules (seed 002): first responders and peer support groups.
--   first_responders       a user's role (firefighter, police, ems, dispatcher) and agency. `verified`
--                          is derived from the core's typed verification: kind 'first_responder'
--                          (documents in verification-documents, decided by staff holding
--                          responders.verify); the kind's on_change hook keeps the flag in step with
--                          every approval, revocation and expiry, and nobody writes it otherwise.
--   support_groups         module, private by default, max_members. Private groups are seen by their
--                          members only; a first_responders group takes verified responders only.
--   support_group_members  the seed's group_members: join (a private group with its invite code),
--                          leave, remove, change role (owner, moderator, member); joins of one group
--                          take turns on the group's row, so max_members holds under concurrency.
--                          Only members see the list.
--   Realtime               subject 'support_group' (topic support_group:<id>, its chat): the members.
--                          Every membership change re-applies it in the same transaction.

-- Registrations: who checks responders, and the credential kind -------------------------------------------------
insert into public.staff_permissions (permission, product, description)
values ('responders.verify', 'studio', 'Checks first responders'' credentials and reads their records');
insert into public.staff_roles (role, product, description, permissions)
values ('studio_responder_verifier', 'studio', 'Decides first responder verifications', array['responders.verify']);

create table studio.first_responders (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique default auth.uid() references public.profiles (id) on delete cascade,
  role text not null check (role in ('firefighter', 'police', 'ems', 'dispatcher')),
  agency text check (char_length(agency) between 1 and 200),
  -- Derived: a current first_responder verification (see private.studio_responder_verification_changed).
  verified boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger set_updated_at before update on studio.first_responders for each row execute function private.set_updated_at();

-- The flag takes no value but the derived one, whoever writes (clients have no grant on it either).
create or replace function private.studio_guard_responder_flag()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.verified := private.has_verification(new.user_id, 'first_responder');
  elsif new.verified is distinct from old.verified
        and new.verified is distinct from private.has_verification(new.user_id, 'first_responder') then
    raise exception 'first_responders.verified follows the first_responder verification; it is not set directly' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_responder_flag before insert or update of verified on studio.first_responders
  for each row execute function private.studio_guard_responder_flag();

create table studio.support_groups (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  module text not null check (module in ('first_responders', 'veterans', 'caregivers', 'grief', 'recovery', 'general')),
  is_private boolean not null default true,
  max_members integer not null default 20 check (max_members between 2 and 500),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index support_groups_created_by_idx on studio.support_groups (created_by);
create index support_groups_public_idx on studio.support_groups (module, created_at desc) where not is_private;
create trigger set_updated_at before update on studio.support_groups for each row execute function private.set_updated_at();

create table studio.support_group_members (
  group_id uuid not null references studio.support_groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'moderator', 'member')),
  joined_at timestamptz not null default now(),
  primary key (group_id, user_id)
);
create index support_group_members_user_idx on studio.support_group_members (user_id);
create unique index support_group_members_one_owner_idx on studio.support_group_members (group_id) where role = 'owner';

-- A private group's join code, shown to its owner and moderators (support_group_invite_code).
create table studio.support_group_invite_codes (
  group_id uuid primary key references studio.support_groups (id) on delete cascade,
  code text not null unique default encode(extensions.gen_random_bytes(9), 'hex')
);

-- Helpers (security definer: policies must not query the table they protect) --------------------------------------
create or replace function private.studio_support_role(p_group_id uuid, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select m.role from studio.support_group_members m where m.group_id = p_group_id and m.user_id = p_user_id
$$;

-- The caller's role in a group (for policies: it answers only about the caller).
create or replace function private.studio_my_support_role(p_group_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select m.role from studio.support_group_members m where m.group_id = p_group_id and m.user_id = auth.uid()
$$;

create or replace function private.studio_my_support_groups()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.group_id from studio.support_group_members m where m.user_id = auth.uid()
$$;

create or replace function private.studio_is_verified_responder(p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from studio.first_responders r where r.user_id = p_user_id and r.verified)
$$;

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on studio.first_responders, studio.support_groups, studio.support_group_members, studio.support_group_invite_codes from anon, authenticated;
grant select on studio.first_responders to authenticated;
grant insert (role, agency), update (role, agency) on studio.first_responders to authenticated;
grant select on studio.support_groups to anon, authenticated;
grant update (name, description, is_private, max_members) on studio.support_groups to authenticated;
grant delete on studio.support_groups to authenticated;
grant select on studio.support_group_members to authenticated;
alter table studio.first_responders enable row level security;
alter table studio.support_groups enable row level security;
alter table studio.support_group_members enable row level security;
alter table studio.support_group_invite_codes enable row level security;

create policy "responders and their verifiers read responder records" on studio.first_responders for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('responders.verify')) or (select private.has_permission('users.read_all')));
create policy "active users register as responders" on studio.first_responders for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
-- What was verified stays as verified: a verified record is changed by asking again.
create policy "unverified responders change their record" on studio.first_responders for update to authenticated
  using (user_id = (select auth.uid()) and not verified and (select private.is_active_user()))
  with check (user_id = (select auth.uid()) and not verified);

create policy "anyone reads public support groups" on studio.support_groups for select to anon using (not is_private);
create policy "users read public groups and their own, staff all" on studio.support_groups for select to authenticated
  using (not is_private or id in (select private.studio_my_support_groups()) or (select private.has_permission('moderation.act')));
create policy "owners and moderators change their groups" on studio.support_groups for update to authenticated
  using (private.studio_my_support_role(id) in ('owner', 'moderator') and (select private.is_active_user()))
  with check (private.studio_my_support_role(id) in ('owner', 'moderator'));
create policy "owners delete their groups" on studio.support_groups for delete to authenticated
  using (private.studio_my_support_role(id) = 'owner' and (select private.is_active_user()));

create policy "members read their groups' members, moderators all" on studio.support_group_members for select to authenticated
  using (group_id in (select private.studio_my_support_groups()) or (select private.has_permission('moderation.act')));
-- support_group_invite_codes: no client grant (support_group_invite_code answers owners and moderators).

-- A group's size limit never drops below its members (the update holds the group's row, as joins do).
create or replace function private.studio_check_group_size()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.max_members < (select count(*) from studio.support_group_members m where m.group_id = new.id) then
    raise exception 'the group has more members than %', new.max_members using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger check_group_size before update of max_members on studio.support_groups
  for each row execute function private.studio_check_group_size();

-- Conversation subject 'support_group' -------------------------------------------------------------------------
create or replace function private.studio_support_group_participant_role(p_group_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select private.studio_support_role(p_group_id, p_user_id)
$$;

create or replace function private.studio_support_group_topic_allowed(p_group_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.studio_support_role(p_group_id, p_user_id) is not null
$$;

-- The group's chat (opened with the group; owners and moderators get it, or open it again).
create or replace function studio.open_support_group_chat(p_group_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  channel uuid;
begin
  if private.studio_support_role(p_group_id, caller) is distinct from 'owner' and private.studio_support_role(p_group_id, caller) is distinct from 'moderator' then
    raise exception 'only the group''s owner and moderators open its chat' using errcode = '42501';
  end if;
  perform 1 from studio.support_groups where id = p_group_id for update;
  select c.id into channel from public.conversations c where c.subject_type = 'support_group' and c.subject_id = p_group_id and c.channel_type = 'chat';
  if channel is null then
    channel := private.open_subject_channel('support_group', p_group_id, 'chat', null, caller,
      array(select m.user_id from studio.support_group_members m where m.group_id = p_group_id));
  end if;
  return channel;
end
$$;

insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
values ('support_group', 'studio', 'support_group', 'studio.open_support_group_chat(uuid)',
        'private.studio_support_group_participant_role(uuid, text, uuid)', 'private.studio_support_group_topic_allowed(uuid, uuid)');

-- Every membership change re-applies the chat's rule for that user, in the same transaction.
create or replace function private.studio_support_membership_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.sync_subject_participant('support_group', old.group_id, old.user_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform private.sync_subject_participant('support_group', new.group_id, new.user_id);
  end if;
  return null;
end
$$;
create trigger support_membership_changed after insert or update or delete on studio.support_group_members
  for each row execute function private.studio_support_membership_changed();

create or replace function private.studio_support_group_deleted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.close_subject_channels('support_group', old.id);
  return old;
end
$$;
create trigger support_group_deleted before delete on studio.support_groups
  for each row execute function private.studio_support_group_deleted();

-- The verification hook -----------------------------------------------------------------------------------------
-- The flag follows the user's current first_responder verification; a responder who is no longer
-- verified leaves the first_responders groups (and their chats) at once. Idempotent.
create or replace function private.studio_responder_verification_changed(p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  current boolean := private.has_verification(p_user_id, 'first_responder');
begin
  update studio.first_responders set verified = current where user_id = p_user_id and verified is distinct from current;
  if not current then
    -- An owner's group goes with them: nobody verified would be left to run it.
    delete from studio.support_groups g
     where g.module = 'first_responders'
       and exists (select 1 from studio.support_group_members m where m.group_id = g.id and m.user_id = p_user_id and m.role = 'owner');
    delete from studio.support_group_members m
     using studio.support_groups g
     where g.id = m.group_id and g.module = 'first_responders' and m.user_id = p_user_id;
  end if;
end
$$;

insert into public.verification_kinds (kind, product, decide_permission, validity, description, on_change)
values ('first_responder', 'studio', 'responders.verify', interval '1 year',
        'A first responder''s badge, ID card or agency letter (firefighter, police, EMS, dispatcher)',
        'private.studio_responder_verification_changed(uuid)');

-- RPCs ------------------------------------------------------------------------------------------------------------
create or replace function private.studio_require_module_access(p_module text, p_user_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_module = 'first_responders' and not private.studio_is_verified_responder(p_user_id) then
    raise exception 'first responder groups are for verified first responders' using errcode = '42501',
      hint = 'register in studio.first_responders and ask for the first_responder verification';
  end if;
end
$$;

-- Creates a group with the caller as owner, and its chat.
create or replace function studio.create_support_group(p_name text, p_module text, p_is_private boolean default true,
                                                       p_max_members integer default 20, p_description text default null)
returns studio.support_groups
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  created studio.support_groups;
begin
  perform private.studio_require_module_access(p_module, caller);
  insert into studio.support_groups (name, description, module, is_private, max_members, created_by)
  values (p_name, p_description, p_module, coalesce(p_is_private, true), coalesce(p_max_members, 20), caller)
  returning * into created;
  insert into studio.support_group_members (group_id, user_id, role) values (created.id, caller, 'owner');
  insert into studio.support_group_invite_codes (group_id) values (created.id);
  perform studio.open_support_group_chat(created.id);
  return created;
end
$$;

-- Joins a group: a public one by its id, a private one with its invite code (a wrong code and an
-- unknown group answer alike, PA001). Joins of one group take turns on its row: never over
-- max_members (PA004). Joining again answers the membership.
create or replace function studio.join_support_group(p_group_id uuid, p_invite_code text default null)
returns studio.support_group_members
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  target studio.support_groups;
  membership studio.support_group_members;
begin
  select * into target from studio.support_groups where id = p_group_id for update;
  if not found or (target.is_private and not exists (select 1 from studio.support_group_invite_codes c
                                                      where c.group_id = target.id and c.code = p_invite_code)) then
    select * into membership from studio.support_group_members where group_id = p_group_id and user_id = caller;
    if found then
      return membership;
    end if;
    raise exception 'no such group, or the invite code does not match' using errcode = 'PA001';
  end if;
  select * into membership from studio.support_group_members where group_id = target.id and user_id = caller;
  if found then
    return membership;
  end if;
  perform private.studio_require_module_access(target.module, caller);
  if (select count(*) from studio.support_group_members m where m.group_id = target.id) >= target.max_members then
    raise exception 'this group is full (% members)', target.max_members using errcode = 'PA004';
  end if;
  insert into studio.support_group_members (group_id, user_id, role) values (target.id, caller, 'member') returning * into membership;
  return membership;
end
$$;

create or replace function studio.leave_support_group(p_group_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  role text := private.studio_support_role(p_group_id, caller);
begin
  if role is null then
    raise exception 'you are not a member of this group' using errcode = 'PA001';
  end if;
  if role = 'owner' then
    raise exception 'the owner deletes the group or hands it over first' using errcode = 'PA005';
  end if;
  delete from studio.support_group_members where group_id = p_group_id and user_id = caller;
end
$$;

-- The owner removes anyone but themselves; a moderator removes members.
create or replace function studio.remove_support_group_member(p_group_id uuid, p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role text := private.studio_support_role(p_group_id, caller);
  target_role text;
begin
  if caller_role is null or caller_role = 'member' then
    raise exception 'only the group''s owner and moderators remove members' using errcode = '42501';
  end if;
  perform 1 from studio.support_groups where id = p_group_id for update;
  target_role := private.studio_support_role(p_group_id, p_user_id);
  if target_role is null then
    raise exception 'not a member of this group' using errcode = 'PA001';
  end if;
  if target_role = 'owner' or (caller_role = 'moderator' and target_role <> 'member') then
    raise exception 'a % cannot remove a %', caller_role, target_role using errcode = '42501';
  end if;
  delete from studio.support_group_members where group_id = p_group_id and user_id = p_user_id;
end
$$;

-- The owner makes a member a moderator or back.
create or replace function studio.set_support_group_role(p_group_id uuid, p_user_id uuid, p_role text)
returns studio.support_group_members
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  changed studio.support_group_members;
begin
  if private.studio_support_role(p_group_id, caller) is distinct from 'owner' then
    raise exception 'only the group''s owner changes roles' using errcode = '42501';
  end if;
  if p_role is null or p_role not in ('moderator', 'member') then
    raise exception 'a role is moderator or member' using errcode = '22023';
  end if;
  update studio.support_group_members set role = p_role where group_id = p_group_id and user_id = p_user_id and role <> 'owner'
  returning * into changed;
  if not found then
    raise exception 'not a member of this group (or its owner)' using errcode = 'PA001';
  end if;
  return changed;
end
$$;

create or replace function studio.support_group_invite_code(p_group_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.studio_support_role(p_group_id, auth.uid()) is distinct from 'owner'
     and private.studio_support_role(p_group_id, auth.uid()) is distinct from 'moderator' then
    raise exception 'only the group''s owner and moderators read its invite code' using errcode = '42501';
  end if;
  return (select c.code from studio.support_group_invite_codes c where c.group_id = p_group_id);
end
$$;

revoke execute on function private.studio_guard_responder_flag(), private.studio_support_role(uuid, uuid), private.studio_my_support_role(uuid), private.studio_my_support_groups(),
  private.studio_is_verified_responder(uuid), private.studio_check_group_size(), private.studio_support_group_participant_role(uuid, text, uuid),
  private.studio_support_group_topic_allowed(uuid, uuid), private.studio_support_membership_changed(), private.studio_support_group_deleted(),
  private.studio_responder_verification_changed(uuid), private.studio_require_module_access(text, uuid),
  studio.open_support_group_chat(uuid), studio.create_support_group(text, text, boolean, integer, text),
  studio.join_support_group(uuid, text), studio.leave_support_group(uuid), studio.remove_support_group_member(uuid, uuid),
  studio.set_support_group_role(uuid, uuid, text), studio.support_group_invite_code(uuid) from public, anon, authenticated;
-- Policies call these as the client.
grant execute on function private.studio_my_support_role(uuid), private.studio_my_support_groups() to authenticated;
grant execute on function studio.open_support_group_chat(uuid), studio.create_support_group(text, text, boolean, integer, text),
  studio.join_support_group(uuid, text), studio.leave_support_group(uuid), studio.remove_support_group_member(uuid, uuid),
  studio.set_support_group_role(uuid, uuid, text), studio.support_group_invite_code(uuid) to authenticated;
