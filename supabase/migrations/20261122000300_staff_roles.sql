-- Platform staff roles (super_admin, admin, moderator, support) with their permission map, put into
-- the JWT by the Custom Access Token hook and read by policies through private.has_permission().

create table public.staff_roles (
  role text primary key check (role ~ '^[a-z_]{2,32}$'),
  description text not null,
  permissions text[] not null default '{}'
);
comment on table public.staff_roles is 'Staff roles and the permissions each grants; reference data.';

insert into public.staff_roles (role, description, permissions) values
  ('super_admin', 'Everything, including granting and revoking staff roles',
    array['staff.manage', 'users.read_all', 'users.suspend', 'audit.read', 'moderation.act', 'reports.read', 'support.read', 'config.manage']),
  ('admin', 'Runs the platform: users, audit, moderation and configuration',
    array['users.read_all', 'users.suspend', 'audit.read', 'moderation.act', 'reports.read', 'support.read', 'config.manage']),
  ('moderator', 'Handles reports and suspends users',
    array['users.suspend', 'moderation.act', 'reports.read']),
  ('support', 'Reads user accounts to help them',
    array['users.read_all', 'support.read']);

create table public.user_staff_roles (
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null references public.staff_roles (role),
  granted_by uuid references public.profiles (id) on delete set null,
  granted_at timestamptz not null default now(),
  primary key (user_id, role)
);
comment on table public.user_staff_roles is 'Who holds which staff role; changed only by super_admin through grant_staff_role / revoke_staff_role, every change audited.';
create index user_staff_roles_role_idx on public.user_staff_roles (role);
create index user_staff_roles_granted_by_idx on public.user_staff_roles (granted_by);

revoke all on public.staff_roles, public.user_staff_roles from anon, authenticated;
grant select on public.staff_roles, public.user_staff_roles to authenticated;
-- The hook runs as supabase_auth_admin and reads both tables.
grant usage on schema public to supabase_auth_admin;
grant select on public.staff_roles, public.user_staff_roles, public.profiles to supabase_auth_admin;

alter table public.staff_roles enable row level security;
alter table public.user_staff_roles enable row level security;

create policy "signed-in users can read the staff role catalog" on public.staff_roles
  for select to authenticated using (true);
create policy "the auth hook can read the staff role catalog" on public.staff_roles
  for select to supabase_auth_admin using (true);
create policy "users see their own staff roles and staff managers see all" on public.user_staff_roles
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('staff.manage')));
create policy "the auth hook can read staff role holders" on public.user_staff_roles
  for select to supabase_auth_admin using (true);
create policy "the auth hook can read profile status" on public.profiles
  for select to supabase_auth_admin using (true);

-- Custom Access Token hook ------------------------------------------------------------------------
-- Adds staff_roles and staff_permissions to an active staff member's claims; every other user's
-- event passes through unchanged. A suspended or deleted staff member gets no staff claims.
create or replace function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  roles text[];
  permissions text[];
begin
  select array_agg(distinct usr.role order by usr.role),
         (select array_agg(distinct p order by p)
            from public.user_staff_roles u2
            join public.staff_roles sr2 on sr2.role = u2.role, unnest(sr2.permissions) p
           where u2.user_id = (event ->> 'user_id')::uuid)
    into roles, permissions
    from public.user_staff_roles usr
    join public.profiles pr on pr.id = usr.user_id and pr.status = 'active'
   where usr.user_id = (event ->> 'user_id')::uuid;
  if roles is null then
    return event;
  end if;
  return jsonb_set(event, '{claims}', (event -> 'claims')
    || jsonb_build_object('staff_roles', to_jsonb(roles), 'staff_permissions', to_jsonb(coalesce(permissions, '{}'))));
end
$$;
revoke execute on function public.custom_access_token_hook(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;

-- Granting and revoking ---------------------------------------------------------------------------
create or replace function public.grant_staff_role(p_user_id uuid, p_role text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_staff_permission('staff.manage');
begin
  if not exists (select 1 from public.staff_roles where role = p_role) then
    raise exception 'unknown staff role %', p_role using errcode = '22023';
  end if;
  if not exists (select 1 from public.profiles where id = p_user_id and status = 'active') then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  insert into public.user_staff_roles (user_id, role, granted_by) values (p_user_id, p_role, caller)
  on conflict (user_id, role) do nothing;
end
$$;

create or replace function public.revoke_staff_role(p_user_id uuid, p_role text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_staff_permission('staff.manage');
  -- Serialises revocations so that two super_admins cannot revoke each other at once.
  perform 1 from public.staff_roles where role = 'super_admin' for update;
  if p_role = 'super_admin'
     and (select count(*) from public.user_staff_roles where role = 'super_admin') <= 1
     and exists (select 1 from public.user_staff_roles where user_id = p_user_id and role = 'super_admin') then
    raise exception 'the last super_admin cannot be revoked' using errcode = 'PA006';
  end if;
  delete from public.user_staff_roles where user_id = p_user_id and role = p_role;
  if not found then
    raise exception 'user % does not hold staff role %', p_user_id, p_role using errcode = 'PA001';
  end if;
end
$$;

revoke execute on function public.grant_staff_role(uuid, text), public.revoke_staff_role(uuid, text) from public, anon;
grant execute on function public.grant_staff_role(uuid, text), public.revoke_staff_role(uuid, text) to authenticated, service_role;
