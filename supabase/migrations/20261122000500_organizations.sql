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
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
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
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
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
  invited_email text check (invited_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  invited_user_id uuid references public.profiles (id) on delete cascade,
  role text not null,
  token_hash bytea not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  check (num_nonnulls(group_id, organization_id) = 1),
  check (invited_email is not null or invited_user_id is not null),
  check (case when group_id is not null then role in ('gm', 'player', 'spectator') else role in ('admin', 'manager', 'member') end)
);
comment on table public.invitations is 'Invitations to a group or an organization; the token is shown once to the inviter and only its SHA-256 is stored.';
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
create or replace function private.org_role_of(p_organization_id uuid)
returns public.org_role
language sql
stable
security definer
set search_path = ''
as $$
  select role from public.organization_members where organization_id = p_organization_id and user_id = auth.uid()
$$;

create or replace function private.group_role_of(p_group_id uuid)
returns public.group_role
language sql
stable
security definer
set search_path = ''
as $$
  select role from public.group_members where group_id = p_group_id and user_id = auth.uid()
$$;

-- The caller's groups and organizations, for `col in (select ...)` policies that run once per query.
-- PL/pgSQL keeps its plan between calls; a SQL function would be planned on every call.
create or replace function private.my_group_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select m.group_id from public.group_members m where m.user_id = auth.uid();
end
$$;

create or replace function private.my_organization_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select m.organization_id from public.organization_members m where m.user_id = auth.uid();
end
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

-- RPCs: joining -----------------------------------------------------------------------------------
-- Adds a member after locking the group, so that concurrent joins cannot overfill it.
create or replace function private.add_group_member(p_group_id uuid, p_user_id uuid, p_role public.group_role, p_invited_by uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  capacity integer;
  member_id uuid;
begin
  select max_members into capacity from public.groups where id = p_group_id for update;
  if not found then
    raise exception 'no group %', p_group_id using errcode = 'PA001';
  end if;
  if exists (select 1 from public.group_members where group_id = p_group_id and user_id = p_user_id) then
    raise exception 'already a member of this group' using errcode = '23505';
  end if;
  if capacity is not null and (select count(*) from public.group_members where group_id = p_group_id) >= capacity then
    raise exception 'the group is full (% members)', capacity using errcode = 'PA004';
  end if;
  insert into public.group_members (group_id, user_id, role, invited_by)
  values (p_group_id, p_user_id, p_role, p_invited_by)
  returning id into member_id;
  return member_id;
end
$$;

create or replace function private.add_organization_member(p_organization_id uuid, p_user_id uuid, p_role public.org_role, p_invited_by uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  capacity integer;
  member_id uuid;
begin
  select max_members into capacity from public.organizations where id = p_organization_id for update;
  if not found then
    raise exception 'no organization %', p_organization_id using errcode = 'PA001';
  end if;
  if exists (select 1 from public.organization_members where organization_id = p_organization_id and user_id = p_user_id) then
    raise exception 'already a member of this organization' using errcode = '23505';
  end if;
  if (select count(*) from public.organization_members where organization_id = p_organization_id) >= capacity then
    raise exception 'the organization is full (% members on its plan)', capacity using errcode = 'PA004';
  end if;
  insert into public.organization_members (organization_id, user_id, role, invited_by)
  values (p_organization_id, p_user_id, p_role, p_invited_by)
  returning id into member_id;
  return member_id;
end
$$;

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
  perform private.add_group_member(target, caller, 'player', null);
  return target;
end
$$;

-- Invitations: the token is returned once; only its hash is kept.
create or replace function private.create_invitation(
  p_group_id uuid, p_organization_id uuid, p_email text, p_user_id uuid, p_role text, p_inviter uuid)
returns table (invitation_id uuid, token text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_token text := encode(extensions.gen_random_bytes(32), 'hex');
begin
  if p_email is null and p_user_id is null then
    raise exception 'invite someone: an email or a user id' using errcode = '22023';
  end if;
  if p_user_id is not null and not exists (select 1 from public.profiles where id = p_user_id and status = 'active') then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  insert into public.invitations (group_id, organization_id, invited_email, invited_user_id, role, token_hash, invited_by)
  values (p_group_id, p_organization_id, lower(btrim(p_email)), p_user_id, p_role,
          extensions.digest(new_token, 'sha256'), p_inviter)
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
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role public.group_role := private.group_role_of(p_group_id);
begin
  if not private.has_group_permission(p_group_id, 'invite_members') then
    raise exception 'only the group''s owner, GMs and members with invite_members may invite' using errcode = '42501';
  end if;
  if p_role = 'owner' then
    raise exception 'ownership is transferred, not invited' using errcode = '22023';
  end if;
  if p_role = 'gm' and caller_role is distinct from 'owner' then
    raise exception 'only the group''s owner may invite GMs' using errcode = '42501';
  end if;
  return query select * from private.create_invitation(p_group_id, null, p_email, p_user_id, p_role::text, caller);
end
$$;

create or replace function public.invite_to_organization(
  p_organization_id uuid, p_email text default null, p_user_id uuid default null, p_role public.org_role default 'member')
returns table (invitation_id uuid, token text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role public.org_role := private.org_role_of(p_organization_id);
begin
  if coalesce(caller_role not in ('owner', 'admin'), true) then
    raise exception 'only the organization''s owner and admins may invite' using errcode = '42501';
  end if;
  if p_role = 'owner' then
    raise exception 'ownership is transferred, not invited' using errcode = '22023';
  end if;
  if p_role = 'admin' and caller_role <> 'owner' then
    raise exception 'only the organization''s owner may invite admins' using errcode = '42501';
  end if;
  return query select * from private.create_invitation(null, p_organization_id, p_email, p_user_id, p_role::text, caller);
end
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
  if invitation.group_id is not null then
    perform private.add_group_member(invitation.group_id, caller, invitation.role::public.group_role, invitation.invited_by);
  else
    perform private.add_organization_member(invitation.organization_id, caller, invitation.role::public.org_role, invitation.invited_by);
  end if;
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
create or replace function public.leave_group(p_group_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if private.group_role_of(p_group_id) = 'owner' then
    raise exception 'the owner cannot leave: transfer ownership first' using errcode = 'PA005';
  end if;
  delete from public.group_permissions where group_id = p_group_id and user_id = caller;
  delete from public.group_members where group_id = p_group_id and user_id = caller;
  if not found then
    raise exception 'not a member of group %', p_group_id using errcode = 'PA001';
  end if;
end
$$;

create or replace function public.leave_organization(p_organization_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if private.org_role_of(p_organization_id) = 'owner' then
    raise exception 'the owner cannot leave: transfer ownership first' using errcode = 'PA005';
  end if;
  delete from public.organization_members where organization_id = p_organization_id and user_id = caller;
  if not found then
    raise exception 'not a member of organization %', p_organization_id using errcode = 'PA001';
  end if;
end
$$;

create or replace function public.remove_group_member(p_group_id uuid, p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role public.group_role := private.group_role_of(p_group_id);
  target_role public.group_role;
begin
  select role into target_role from public.group_members where group_id = p_group_id and user_id = p_user_id for update;
  if target_role is null then
    raise exception 'user % is not a member of group %', p_user_id, p_group_id using errcode = 'PA001';
  end if;
  if p_user_id = caller then
    raise exception 'use leave_group to leave' using errcode = '22023';
  end if;
  if target_role = 'owner'
     or not coalesce(caller_role = 'owner'
             or (target_role in ('player', 'spectator') and private.has_group_permission(p_group_id, 'manage_members')), false) then
    raise exception 'not allowed to remove this member' using errcode = '42501';
  end if;
  delete from public.group_permissions where group_id = p_group_id and user_id = p_user_id;
  delete from public.group_members where group_id = p_group_id and user_id = p_user_id;
end
$$;

create or replace function public.remove_organization_member(p_organization_id uuid, p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  caller_role public.org_role := private.org_role_of(p_organization_id);
  target_role public.org_role;
begin
  select role into target_role from public.organization_members
   where organization_id = p_organization_id and user_id = p_user_id for update;
  if target_role is null then
    raise exception 'user % is not a member of organization %', p_user_id, p_organization_id using errcode = 'PA001';
  end if;
  if p_user_id = caller then
    raise exception 'use leave_organization to leave' using errcode = '22023';
  end if;
  if target_role = 'owner' or not coalesce(caller_role = 'owner' or (caller_role = 'admin' and target_role in ('manager', 'member')), false) then
    raise exception 'not allowed to remove this member' using errcode = '42501';
  end if;
  delete from public.organization_members where organization_id = p_organization_id and user_id = p_user_id;
end
$$;

create or replace function public.change_group_member_role(p_group_id uuid, p_user_id uuid, p_role public.group_role)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_active_user();
  if private.group_role_of(p_group_id) is distinct from 'owner' then
    raise exception 'only the group''s owner may change roles' using errcode = '42501';
  end if;
  if p_role = 'owner' then
    raise exception 'use transfer_group_ownership to make someone the owner' using errcode = '22023';
  end if;
  update public.group_members set role = p_role
   where group_id = p_group_id and user_id = p_user_id and role <> 'owner';
  if not found then
    raise exception 'user % is not a non-owner member of group %', p_user_id, p_group_id using errcode = 'PA001';
  end if;
end
$$;

create or replace function public.change_organization_member_role(p_organization_id uuid, p_user_id uuid, p_role public.org_role)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller_role public.org_role;
  target_role public.org_role;
begin
  perform private.require_active_user();
  caller_role := private.org_role_of(p_organization_id);
  select role into target_role from public.organization_members
   where organization_id = p_organization_id and user_id = p_user_id for update;
  if target_role is null then
    raise exception 'user % is not a member of organization %', p_user_id, p_organization_id using errcode = 'PA001';
  end if;
  if p_role = 'owner' then
    raise exception 'use transfer_organization_ownership to make someone the owner' using errcode = '22023';
  end if;
  if target_role = 'owner'
     or not coalesce(caller_role = 'owner' or (caller_role = 'admin' and target_role in ('manager', 'member') and p_role in ('manager', 'member')), false) then
    raise exception 'not allowed to change this member''s role' using errcode = '42501';
  end if;
  update public.organization_members set role = p_role where organization_id = p_organization_id and user_id = p_user_id;
end
$$;

create or replace function public.transfer_group_ownership(p_group_id uuid, p_new_owner uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform 1 from public.groups where id = p_group_id for update;
  if private.group_role_of(p_group_id) is distinct from 'owner' then
    raise exception 'only the group''s owner may transfer ownership' using errcode = '42501';
  end if;
  if not exists (select 1 from public.group_members m join public.profiles p on p.id = m.user_id
                  where m.group_id = p_group_id and m.user_id = p_new_owner and p.status = 'active' and m.user_id <> caller) then
    raise exception 'the new owner must be another active member of the group' using errcode = '22023';
  end if;
  update public.group_members set role = 'gm' where group_id = p_group_id and user_id = caller;
  update public.group_members set role = 'owner' where group_id = p_group_id and user_id = p_new_owner;
end
$$;

create or replace function public.transfer_organization_ownership(p_organization_id uuid, p_new_owner uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform 1 from public.organizations where id = p_organization_id for update;
  if private.org_role_of(p_organization_id) is distinct from 'owner' then
    raise exception 'only the organization''s owner may transfer ownership' using errcode = '42501';
  end if;
  if not exists (select 1 from public.organization_members m join public.profiles p on p.id = m.user_id
                  where m.organization_id = p_organization_id and m.user_id = p_new_owner and p.status = 'active' and m.user_id <> caller) then
    raise exception 'the new owner must be another active member of the organization' using errcode = '22023';
  end if;
  update public.organization_members set role = 'admin' where organization_id = p_organization_id and user_id = caller;
  update public.organization_members set role = 'owner' where organization_id = p_organization_id and user_id = p_new_owner;
  update public.organizations set owner_id = p_new_owner where id = p_organization_id;
end
$$;

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
revoke execute on function
  public.create_organization(text, text, text),
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
  public.set_group_permission(uuid, uuid, text, boolean)
from public, anon;
