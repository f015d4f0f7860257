-- Organizations and groups with their members, per-group permissions and invitations. Membership
-- changes only through the RPCs below, which enforce the rules (roles, capacity, last owner,
-- invitation tokens); clients read through RLS.

create type public.org_role as enum ('owner', 'admin', 'manager', 'member');
create type public.group_role as enum ('owner', 'gm', 'player', 'spectator');

-- Tables ------------------------------------------------------------------------------------------
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$'),
  description text check (char_length(description) <= 5000),
  -- Null only after the owner's auth user was hard-deleted; staff then assign a new owner.
  owner_id uuid references public.profiles (id) on delete set null,
  logo_url text check (char_length(logo_url) <= 2048),
  website_url text check (char_length(website_url) <= 2048),
  plan text not null default 'free' check (plan in ('free', 'team', 'enterprise')),
  max_members integer not null default 5 check (max_members > 0),
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object' and octet_length(settings::text) <= 16384),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.organizations add constraint organizations_logo_url_http check (private.is_http_url(logo_url)),
  add constraint organizations_website_url_http check (private.is_http_url(website_url));
create index organizations_owner_id_idx on public.organizations (owner_id);

create table public.organization_members (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.org_role not null default 'member',
  invited_by uuid references public.profiles (id) on delete set null,
  joined_at timestamptz not null default now(),
  unique (organization_id, user_id)
);
create index organization_members_user_id_idx on public.organization_members (user_id);
create index organization_members_invited_by_idx on public.organization_members (invited_by);
create unique index organization_members_one_owner on public.organization_members (organization_id) where role = 'owner';

create table public.groups (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid references public.organizations (id) on delete set null,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  slug text not null check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$'),
  description text check (char_length(description) <= 5000),
  is_public boolean not null default false,
  max_members integer check (max_members > 0),
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object' and octet_length(settings::text) <= 16384),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique nulls not distinct (organization_id, slug)
);
create index groups_created_by_idx on public.groups (created_by);
create index groups_public_idx on public.groups (id) where is_public;

-- Invite codes are secrets of the group's owner and GMs: never readable through the table API.
create table private.group_invite_codes (
  group_id uuid primary key references public.groups (id) on delete cascade,
  code text not null unique check (code ~ '^[A-Za-z0-9]{10,20}$'),
  created_at timestamptz not null default now()
);

create table public.group_members (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.group_role not null default 'player',
  nickname text check (char_length(nickname) <= 100),
  notify_session_reminders boolean not null default true,
  notify_chat_mentions boolean not null default true,
  invited_by uuid references public.profiles (id) on delete set null,
  joined_at timestamptz not null default now(),
  unique (group_id, user_id)
);
create index group_members_user_id_idx on public.group_members (user_id);
create index group_members_invited_by_idx on public.group_members (invited_by);
create unique index group_members_one_owner on public.group_members (group_id) where role = 'owner';

create table public.group_permissions (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  permission text not null check (permission in
    ('invite_members', 'manage_members', 'manage_campaigns', 'manage_scenes', 'manage_journals', 'moderate_chat')),
  granted_by uuid references public.profiles (id) on delete set null,
  granted_at timestamptz not null default now(),
  unique (group_id, user_id, permission)
);
create index group_permissions_user_id_idx on public.group_permissions (user_id);
create index group_permissions_granted_by_idx on public.group_permissions (granted_by);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  group_id uuid references public.groups (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete cascade,
  -- Or a product's thing (a private room): a registered conversation subject (foreign key added with
  -- that registry). Accepting one adds no membership: the product reads its invitations.
  subject_type text,
  subject_id uuid,
  invited_email text check (invited_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  invited_user_id uuid references public.profiles (id) on delete cascade,
  role text not null,
  token_hash bytea not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  check (num_nonnulls(group_id, organization_id, subject_id) = 1),
  check ((subject_type is null) = (subject_id is null)),
  check (invited_email is not null or invited_user_id is not null),
  check (case when group_id is not null then role in ('gm', 'player', 'spectator')
              when organization_id is not null then role in ('admin', 'manager', 'member')
              else role ~ '^[a-z_]{2,30}$' end)
);
comment on table public.invitations is 'Invitations to a group, an organization or a product''s subject; the token is shown once to the inviter and only its SHA-256 is stored.';
create index invitations_subject_idx on public.invitations (subject_type, subject_id);
create index invitations_group_id_idx on public.invitations (group_id);
create index invitations_organization_id_idx on public.invitations (organization_id);
create index invitations_invited_user_id_idx on public.invitations (invited_user_id);
create index invitations_invited_email_idx on public.invitations (lower(invited_email));
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

create trigger set_updated_at before update on public.organizations for each row execute function private.set_updated_at();
create trigger set_updated_at before update on public.groups for each row execute function private.set_updated_at();

create trigger audit_row_change after insert or update or delete on public.organizations
  for each row execute function private.audit_row_change('id');
create trigger audit_row_change after insert or update or delete on public.organization_members
  for each row execute function private.audit_row_change('organization_id', 'user_id');
create trigger audit_row_change after insert or update or delete on public.group_members
  for each row execute function private.audit_row_change('group_id', 'user_id');
create trigger audit_row_change after insert or update or delete on public.group_permissions
  for each row execute function private.audit_row_change('group_id', 'user_id', 'permission');

-- Predicates for policies (security definer: no policy queries the table it protects) ------------
-- Groups and organizations have the same kind of membership, each on its own table with its own role
-- enum. What both share is written once: private functions that take p_scope ('group' or
-- 'organization') and the group's or organization's id, and pick the table inside with a CASE of
-- static SQL (plans kept, checked by plpgsql_check). Roles travel as text inside and become the
-- scope's enum again at the edges. The group_/org_ functions are the names policies and clients use.

-- A user's role in a group or organization; null for a non-member.
create or replace function private.member_role(p_scope text, p_id uuid, p_user_id uuid)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  case p_scope
    when 'group' then
      return (select role::text from public.group_members where group_id = p_id and user_id = p_user_id);
    when 'organization' then
      return (select role::text from public.organization_members where organization_id = p_id and user_id = p_user_id);
    else
      raise exception 'unknown membership scope "%"', p_scope using errcode = '22023';
  end case;
end
$$;

-- The caller's groups or organizations, for `col in (select ...)` policies that run once per query.
-- PL/pgSQL keeps its plan between calls; a SQL function would be planned on every call.
create or replace function private.my_member_ids(p_scope text)
returns setof uuid
language plpgsql
stable
set search_path = ''
as $$
begin
  case p_scope
    when 'group' then
      return query select m.group_id from public.group_members m where m.user_id = auth.uid();
    when 'organization' then
      return query select m.organization_id from public.organization_members m where m.user_id = auth.uid();
    else
      raise exception 'unknown membership scope "%"', p_scope using errcode = '22023';
  end case;
end
$$;

create or replace function private.org_role_of(p_organization_id uuid)
returns public.org_role
language sql
stable
security definer
set search_path = ''
as $$
  select private.member_role('organization', p_organization_id, auth.uid())::public.org_role
$$;

create or replace function private.group_role_of(p_group_id uuid)
returns public.group_role
language sql
stable
security definer
set search_path = ''
as $$
  select private.member_role('group', p_group_id, auth.uid())::public.group_role
$$;

create or replace function private.my_group_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select private.my_member_ids('group')
$$;

create or replace function private.my_organization_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select private.my_member_ids('organization')
$$;

create or replace function private.has_group_permission(p_group_id uuid, p_permission text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(private.group_role_of(p_group_id) in ('owner', 'gm'), false)
      or exists (select 1 from public.group_permissions
                  where group_id = p_group_id and user_id = auth.uid() and permission = p_permission)
$$;

-- Grants and policies -----------------------------------------------------------------------------
revoke all on public.organizations, public.organization_members, public.groups, public.group_members,
  public.group_permissions, public.invitations from anon, authenticated;
-- No TRUNCATE for the server either: members leave and change roles only by DELETE and UPDATE of
-- their rows, which the member tables' row triggers see.
revoke truncate on public.group_members, public.organization_members from service_role;
grant select on public.organizations, public.organization_members, public.groups, public.group_members,
  public.group_permissions, public.invitations to authenticated;
grant select on public.groups to anon;
grant update (name, description, logo_url, website_url, settings) on public.organizations to authenticated;
grant update (name, description, is_public, settings) on public.groups to authenticated;
grant update (nickname, notify_session_reminders, notify_chat_mentions) on public.group_members to authenticated;
grant execute on function private.org_role_of(uuid), private.group_role_of(uuid), private.my_group_ids(),
  private.my_organization_ids(), private.has_group_permission(uuid, text) to anon, authenticated, service_role;

alter table public.organizations enable row level security;
alter table public.organization_members enable row level security;
alter table public.groups enable row level security;
alter table private.group_invite_codes enable row level security;
alter table public.group_members enable row level security;
alter table public.group_permissions enable row level security;
alter table public.invitations enable row level security;

create policy "members and staff can read their organizations" on public.organizations
  for select to authenticated
  using (id in (select private.my_organization_ids()) or (select private.has_permission('users.read_all')));
create policy "owners and admins can update their organization" on public.organizations
  for update to authenticated
  using ((select private.is_active_user()) and private.org_role_of(id) in ('owner', 'admin'))
  with check (private.org_role_of(id) in ('owner', 'admin'));

create policy "members and staff can read an organization's members" on public.organization_members
  for select to authenticated
  using (organization_id in (select private.my_organization_ids()) or (select private.has_permission('users.read_all')));

create policy "anyone can read public groups" on public.groups
  for select to anon using (is_public);
create policy "members, staff and everyone for public groups can read groups" on public.groups
  for select to authenticated
  using (is_public or id in (select private.my_group_ids()) or (select private.has_permission('users.read_all')));
create policy "group owners and GMs can update their group" on public.groups
  for update to authenticated
  using ((select private.is_active_user()) and private.group_role_of(id) in ('owner', 'gm'))
  with check (private.group_role_of(id) in ('owner', 'gm'));

create policy "members and staff can read a group's members" on public.group_members
  for select to authenticated
  using (group_id in (select private.my_group_ids()) or (select private.has_permission('users.read_all')));
create policy "members can update their own membership settings" on public.group_members
  for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (user_id = (select auth.uid()));

create policy "members and staff can read a group's permissions" on public.group_permissions
  for select to authenticated
  using (group_id in (select private.my_group_ids()) or (select private.has_permission('users.read_all')));

create policy "inviters, invitees, admins and staff can read invitations" on public.invitations
  for select to authenticated
  using (
    invited_by = (select auth.uid())
    or invited_user_id = (select auth.uid())
    or lower(invited_email) = lower((select auth.email()))
    or (group_id is not null and private.has_group_permission(group_id, 'invite_members'))
    or (organization_id is not null and private.org_role_of(organization_id) in ('owner', 'admin'))
    or (select private.has_permission('users.read_all'))
  );

-- RPCs: creation --------------------------------------------------------------------------------
create or replace function public.create_organization(p_name text, p_slug text, p_description text default null)
returns public.organizations
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  created public.organizations;
begin
  begin
    insert into public.organizations (name, slug, description, owner_id)
    values (btrim(p_name), p_slug, p_description, caller)
    returning * into created;
  exception when unique_violation then
    raise exception 'an organization with slug % exists', p_slug using errcode = '23505';
  end;
  insert into public.organization_members (organization_id, user_id, role) values (created.id, caller, 'owner');
  return created;
end
$$;

create or replace function private.new_invite_code()
returns text
language sql
volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 1 + (get_byte(b, i) % 57), 1), '')
  from extensions.gen_random_bytes(12) b, generate_series(0, 11) i
$$;

create or replace function public.create_group(
  p_name text, p_slug text, p_organization_id uuid default null, p_is_public boolean default false,
  p_max_members integer default null, p_description text default null)
returns public.groups
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  created public.groups;
begin
  if p_organization_id is not null and coalesce(private.org_role_of(p_organization_id) not in ('owner', 'admin', 'manager'), true) then
    raise exception 'only an organization''s owner, admins and managers may create its groups' using errcode = '42501';
  end if;
  begin
    insert into public.groups (organization_id, name, slug, description, is_public, max_members, created_by)
    values (p_organization_id, btrim(p_name), p_slug, p_description, p_is_public, p_max_members, caller)
    returning * into created;
  exception when unique_violation then
    raise exception 'a group with slug % exists here', p_slug using errcode = '23505';
  end;
  insert into public.group_members (group_id, user_id, role) values (created.id, caller, 'owner');
  insert into private.group_invite_codes (group_id, code) values (created.id, private.new_invite_code());
  return created;
end
$$;

create or replace function public.get_group_invite_code(p_group_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_active_user();
  if not private.has_group_permission(p_group_id, 'invite_members') then
    raise exception 'only the group''s owner, GMs and members with invite_members see its invite code' using errcode = '42501';
  end if;
  return (select code from private.group_invite_codes where group_id = p_group_id);
end
$$;

create or replace function public.regenerate_group_invite_code(p_group_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_code text := private.new_invite_code();
begin
  perform private.require_active_user();
  if coalesce(private.group_role_of(p_group_id) not in ('owner', 'gm'), true) then
    raise exception 'only the group''s owner and GMs may change its invite code' using errcode = '42501';
  end if;
  update private.group_invite_codes set code = new_code, created_at = now() where group_id = p_group_id;
  return new_code;
end
$$;

-- Membership changes, written once for groups and organizations ------------------------------------
-- Every change of members first locks the group's or organization's row: joins, departures, role
-- changes and ownership transfers of one group or organization then happen one at a time, so the
-- member limit and the one-owner rule hold under concurrent calls. Returns the member limit (null:
-- none). It is also where an unknown scope is refused, so the CASEs after it need no ELSE.
create or replace function private.lock_scope(p_scope text, p_id uuid)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  capacity integer;
begin
  case p_scope
    when 'group' then
      select max_members into capacity from public.groups where id = p_id for update;
    when 'organization' then
      select max_members into capacity from public.organizations where id = p_id for update;
    else
      raise exception 'unknown membership scope "%"', p_scope using errcode = '22023';
  end case;
  if not found then
    raise exception 'no % %', p_scope, p_id using errcode = 'PA001';
  end if;
  return capacity;
end
$$;

-- Who may invite, remove or re-role whom: the only rules in which groups and organizations differ.
-- p_caller_role is the caller's (auth.uid()'s) role, p_target_role the member's (null when inviting), p_new_role
-- the role given (null when removing). Nobody acts on the owner or makes one here: ownership moves
-- only by transfer.
create or replace function private.may_manage_member(
  p_scope text, p_id uuid, p_action text, p_caller_role text, p_target_role text, p_new_role text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select p_target_role is distinct from 'owner' and p_new_role is distinct from 'owner' and coalesce(
    case p_scope
      -- Groups: the owner does all; GMs and invite_members holders invite players and spectators,
      -- GMs and manage_members holders remove them; only the owner changes roles.
      when 'group' then p_caller_role = 'owner'
        or (p_action = 'invite' and p_new_role in ('player', 'spectator') and private.has_group_permission(p_id, 'invite_members'))
        or (p_action = 'remove' and p_target_role in ('player', 'spectator') and private.has_group_permission(p_id, 'manage_members'))
      -- Organizations: the owner does all; admins invite, remove and re-role managers and members.
      when 'organization' then p_caller_role = 'owner'
        or (p_caller_role = 'admin' and coalesce(p_target_role in ('manager', 'member'), true)
            and coalesce(p_new_role in ('manager', 'member'), true))
    end, false)
$$;

create or replace function private.add_member(p_scope text, p_id uuid, p_user_id uuid, p_role text, p_invited_by uuid)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  capacity integer := private.lock_scope(p_scope, p_id);
  member_id uuid;
begin
  if private.member_role(p_scope, p_id, p_user_id) is not null then
    raise exception 'already a member of this %', p_scope using errcode = '23505';
  end if;
  -- Inserted only while there is room; the lock above keeps the count true until commit.
  case p_scope
    when 'group' then
      insert into public.group_members (group_id, user_id, role, invited_by)
      select p_id, p_user_id, p_role::public.group_role, p_invited_by
       where capacity is null or (select count(*) from public.group_members where group_id = p_id) < capacity
      returning id into member_id;
    when 'organization' then
      insert into public.organization_members (organization_id, user_id, role, invited_by)
      select p_id, p_user_id, p_role::public.org_role, p_invited_by
       where capacity is null or (select count(*) from public.organization_members where organization_id = p_id) < capacity
      returning id into member_id;
  end case;
  if member_id is null then
    raise exception 'the % is full (% members)', p_scope, capacity using errcode = 'PA004';
  end if;
  return member_id;
end
$$;

-- Members leave (with their group permissions) by DELETE and change roles by UPDATE of their row, so
-- that row triggers on the member tables see every change within the transaction.
create or replace function private.delete_member(p_scope text, p_id uuid, p_user_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  case p_scope
    when 'group' then
      delete from public.group_permissions where group_id = p_id and user_id = p_user_id;
      delete from public.group_members where group_id = p_id and user_id = p_user_id;
    when 'organization' then
      delete from public.organization_members where organization_id = p_id and user_id = p_user_id;
  end case;
end
$$;

create or replace function private.set_member_role(p_scope text, p_id uuid, p_user_id uuid, p_role text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  case p_scope
    when 'group' then
      update public.group_members set role = p_role::public.group_role where group_id = p_id and user_id = p_user_id;
    when 'organization' then
      update public.organization_members set role = p_role::public.org_role where organization_id = p_id and user_id = p_user_id;
  end case;
end
$$;

-- RPCs: joining -----------------------------------------------------------------------------------
create or replace function public.join_group_by_code(p_code text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  target uuid;
begin
  select group_id into target from private.group_invite_codes where code = btrim(p_code);
  if target is null then
    raise exception 'no group has that invite code' using errcode = 'PA001';
  end if;
  perform private.add_member('group', target, caller, 'player', null);
  return target;
end
$$;

-- Invitations: the token is returned once; only its hash is kept.
create or replace function private.create_invitation(
  p_scope text, p_id uuid, p_email text, p_user_id uuid, p_role text)
returns table (invitation_id uuid, token text)
language plpgsql
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  new_token text := encode(extensions.gen_random_bytes(32), 'hex');
begin
  if p_role = 'owner' then
    raise exception 'ownership is transferred, not invited' using errcode = '22023';
  end if;
  if not private.may_manage_member(p_scope, p_id, 'invite', private.member_role(p_scope, p_id, caller), null, p_role) then
    raise exception 'not allowed to invite members to this % as %', p_scope, p_role using errcode = '42501';
  end if;
  if p_email is null and p_user_id is null then
    raise exception 'invite someone: an email or a user id' using errcode = '22023';
  end if;
  if p_user_id is not null and not exists (select 1 from public.profiles where id = p_user_id and status = 'active') then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  insert into public.invitations (group_id, organization_id, invited_email, invited_user_id, role, token_hash, invited_by)
  values (case when p_scope = 'group' then p_id end, case when p_scope = 'organization' then p_id end,
          lower(btrim(p_email)), p_user_id, p_role, extensions.digest(new_token, 'sha256'), caller)
  returning id into invitation_id;
  token := new_token;
  return next;
exception when check_violation then
  raise exception 'invalid invitation: %', sqlerrm using errcode = '22023';
end
$$;

create or replace function public.invite_to_group(
  p_group_id uuid, p_email text default null, p_user_id uuid default null, p_role public.group_role default 'player')
returns table (invitation_id uuid, token text)
language sql
security definer
set search_path = ''
as $$
  select * from private.create_invitation('group', p_group_id, p_email, p_user_id, p_role::text)
$$;

create or replace function public.invite_to_organization(
  p_organization_id uuid, p_email text default null, p_user_id uuid default null, p_role public.org_role default 'member')
returns table (invitation_id uuid, token text)
language sql
security definer
set search_path = ''
as $$
  select * from private.create_invitation('organization', p_organization_id, p_email, p_user_id, p_role::text)
$$;

-- Accepting is one-time and atomic: the invitation row is locked, checked and marked in one go.
create or replace function public.accept_invitation(p_token text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_email text := (select lower(email) from auth.users where id = caller);
  invitation public.invitations;
begin
  select * into invitation from public.invitations
   where token_hash = extensions.digest(coalesce(p_token, ''), 'sha256')
   for update;
  if not found then
    raise exception 'no invitation matches that token' using errcode = 'PA001';
  end if;
  if invitation.accepted_at is not null then
    raise exception 'this invitation was already used' using errcode = 'PA002';
  end if;
  if invitation.expires_at <= now() then
    raise exception 'this invitation expired at %', invitation.expires_at using errcode = 'PA003';
  end if;
  -- coalesce: an invitation by email has no user id, and a null comparison must not let anyone in.
  if not coalesce(invitation.invited_user_id = caller or invitation.invited_email = caller_email, false) then
    raise exception 'this invitation is for someone else' using errcode = '42501';
  end if;
  -- An invitation by email is proof of that address only once Auth has confirmed it is the caller's.
  if invitation.invited_user_id is distinct from caller
     and not exists (select 1 from auth.users u where u.id = caller and u.email_confirmed_at is not null) then
    raise exception 'confirm your email address before accepting an invitation sent to it' using errcode = 'PA142';
  end if;
  if invitation.subject_id is not null then
    -- A product's subject: accepting is the record the product's rule reads; there is no member to add.
    update public.invitations set accepted_at = now(), accepted_by = caller where id = invitation.id;
    return invitation.subject_id;
  end if;
  perform private.add_member(case when invitation.group_id is not null then 'group' else 'organization' end,
                             coalesce(invitation.group_id, invitation.organization_id), caller, invitation.role, invitation.invited_by);
  update public.invitations set accepted_at = now(), accepted_by = caller where id = invitation.id;
  return coalesce(invitation.group_id, invitation.organization_id);
end
$$;

create or replace function public.revoke_invitation(p_invitation_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  invitation public.invitations;
begin
  select * into invitation from public.invitations where id = p_invitation_id and accepted_at is null for update;
  if not found then
    raise exception 'no open invitation %', p_invitation_id using errcode = 'PA001';
  end if;
  if not coalesce(invitation.invited_by = caller
          or (invitation.group_id is not null and private.group_role_of(invitation.group_id) in ('owner', 'gm'))
          or (invitation.organization_id is not null and private.org_role_of(invitation.organization_id) in ('owner', 'admin')), false) then
    raise exception 'only the inviter or the group''s or organization''s managers may revoke an invitation' using errcode = '42501';
  end if;
  delete from public.invitations where id = p_invitation_id;
end
$$;

-- RPCs: leaving, removing, roles, ownership ----------------------------------------------------------
create or replace function private.leave_membership(p_scope text, p_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role text;
begin
  perform private.lock_scope(p_scope, p_id);
  caller_role := private.member_role(p_scope, p_id, caller);
  if caller_role is null then
    raise exception 'not a member of % %', p_scope, p_id using errcode = 'PA001';
  end if;
  if caller_role = 'owner' then
    raise exception 'the owner cannot leave: transfer ownership first' using errcode = 'PA005';
  end if;
  perform private.delete_member(p_scope, p_id, caller);
end
$$;

-- Removes a member (p_role null) or gives them another role: the same checks, in the same order.
-- A non-member caller is refused before anything about the target member is said.
create or replace function private.update_member(p_scope text, p_id uuid, p_user_id uuid, p_role text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role text;
  target_role text;
begin
  perform private.lock_scope(p_scope, p_id);
  caller_role := private.member_role(p_scope, p_id, caller);
  if caller_role is null then
    raise exception 'not a member of this %', p_scope using errcode = '42501';
  end if;
  if p_role is null and p_user_id = caller then
    raise exception 'use leave_% to leave', p_scope using errcode = '22023';
  end if;
  if p_role = 'owner' then
    raise exception 'use transfer_%_ownership to make someone the owner', p_scope using errcode = '22023';
  end if;
  target_role := private.member_role(p_scope, p_id, p_user_id);
  if target_role is null then
    raise exception 'user % is not a member of % %', p_user_id, p_scope, p_id using errcode = 'PA001';
  end if;
  if not private.may_manage_member(p_scope, p_id, case when p_role is null then 'remove' else 'change_role' end,
                                   caller_role, target_role, p_role) then
    raise exception 'not allowed to % this member', case when p_role is null then 'remove' else 'change the role of' end
      using errcode = '42501';
  end if;
  if p_role is null then
    perform private.delete_member(p_scope, p_id, p_user_id);
  else
    perform private.set_member_role(p_scope, p_id, p_user_id, p_role);
  end if;
end
$$;

-- The old owner stays on as the next role down (GM, admin); the one-owner index wants the demotion first.
create or replace function private.transfer_ownership(p_scope text, p_id uuid, p_new_owner uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform private.lock_scope(p_scope, p_id);
  if private.member_role(p_scope, p_id, caller) is distinct from 'owner' then
    raise exception 'only the %''s owner may transfer ownership', p_scope using errcode = '42501';
  end if;
  if p_new_owner is not distinct from caller or private.member_role(p_scope, p_id, p_new_owner) is null
     or not exists (select 1 from public.profiles where id = p_new_owner and status = 'active') then
    raise exception 'the new owner must be another active member of the %', p_scope using errcode = '22023';
  end if;
  perform private.set_member_role(p_scope, p_id, caller, case p_scope when 'group' then 'gm' else 'admin' end);
  perform private.set_member_role(p_scope, p_id, p_new_owner, 'owner');
  if p_scope = 'organization' then
    update public.organizations set owner_id = p_new_owner where id = p_id;
  end if;
end
$$;

-- The public names: one line each, so that clients and policies keep their signatures.
create or replace function public.leave_group(p_group_id uuid)
returns void language sql security definer set search_path = ''
as $$ select private.leave_membership('group', p_group_id) $$;

create or replace function public.leave_organization(p_organization_id uuid)
returns void language sql security definer set search_path = ''
as $$ select private.leave_membership('organization', p_organization_id) $$;

create or replace function public.remove_group_member(p_group_id uuid, p_user_id uuid)
returns void language sql security definer set search_path = ''
as $$ select private.update_member('group', p_group_id, p_user_id, null) $$;

create or replace function public.remove_organization_member(p_organization_id uuid, p_user_id uuid)
returns void language sql security definer set search_path = ''
as $$ select private.update_member('organization', p_organization_id, p_user_id, null) $$;

create or replace function public.change_group_member_role(p_group_id uuid, p_user_id uuid, p_role public.group_role)
returns void language sql security definer set search_path = ''
as $$ select private.update_member('group', p_group_id, p_user_id, p_role::text) $$;

create or replace function public.change_organization_member_role(p_organization_id uuid, p_user_id uuid, p_role public.org_role)
returns void language sql security definer set search_path = ''
as $$ select private.update_member('organization', p_organization_id, p_user_id, p_role::text) $$;

create or replace function public.transfer_group_ownership(p_group_id uuid, p_new_owner uuid)
returns void language sql security definer set search_path = ''
as $$ select private.transfer_ownership('group', p_group_id, p_new_owner) $$;

create or replace function public.transfer_organization_ownership(p_organization_id uuid, p_new_owner uuid)
returns void language sql security definer set search_path = ''
as $$ select private.transfer_ownership('organization', p_organization_id, p_new_owner) $$;

create or replace function public.set_group_permission(p_group_id uuid, p_user_id uuid, p_permission text, p_granted boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if private.group_role_of(p_group_id) is distinct from 'owner' then
    raise exception 'only the group''s owner may grant permissions' using errcode = '42501';
  end if;
  if not exists (select 1 from public.group_members where group_id = p_group_id and user_id = p_user_id) then
    raise exception 'user % is not a member of group %', p_user_id, p_group_id using errcode = 'PA001';
  end if;
  if p_granted then
    insert into public.group_permissions (group_id, user_id, permission, granted_by)
    values (p_group_id, p_user_id, p_permission, caller)
    on conflict (group_id, user_id, permission) do nothing;
  else
    delete from public.group_permissions where group_id = p_group_id and user_id = p_user_id and permission = p_permission;
  end if;
exception when check_violation then
  raise exception 'unknown group permission %', p_permission using errcode = '22023';
end
$$;

-- Execute grants: the RPCs for signed-in users; the helpers stay internal.
grant execute on function public.create_organization(text, text, text),
  public.create_group(text, text, uuid, boolean, integer, text),
  public.get_group_invite_code(uuid),
  public.regenerate_group_invite_code(uuid),
  public.join_group_by_code(text),
  public.invite_to_group(uuid, text, uuid, public.group_role),
  public.invite_to_organization(uuid, text, uuid, public.org_role),
  public.accept_invitation(text),
  public.revoke_invitation(uuid),
  public.leave_group(uuid),
  public.leave_organization(uuid),
  public.remove_group_member(uuid, uuid),
  public.remove_organization_member(uuid, uuid),
  public.change_group_member_role(uuid, uuid, public.group_role),
  public.change_organization_member_role(uuid, uuid, public.org_role),
  public.transfer_group_ownership(uuid, uuid),
  public.transfer_organization_ownership(uuid, uuid),
  public.set_group_permission(uuid, uuid, text, boolean) to authenticated;

-- The invited user hears of an invitation at once.
create or replace function private.notify_invitation()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.invited_user_id is not null then
    perform private.notify(new.invited_user_id, 'invitation', jsonb_build_object('invitation_id', new.id, 'group_id', new.group_id,
      'organization_id', new.organization_id, 'subject_type', new.subject_type, 'subject_id', new.subject_id, 'role', new.role, 'invited_by', new.invited_by));
  end if;
  return null;
end
$$;
create trigger notify_invitation after insert on public.invitations for each row execute function private.notify_invitation();
