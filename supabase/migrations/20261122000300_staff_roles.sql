-- Staff roles and their permissions, put into the JWT by the Custom Access Token hook and read by
-- policies through private.has_permission() (profiles migration).
--
-- Permissions and roles are registries: the core registers its own (product 'core': super_admin,
-- admin, moderator, support) and a product registers the staff permissions its policies read, and
-- optionally a role bundling them, in its own migration:
--   insert into public.staff_permissions (permission, product, description)
--     values ('readings.monitor', 'example', 'Reads readings, their rooms and calls; never money');
--   insert into public.staff_roles (role, product, description, permissions)
--     values ('example_monitor', 'example', 'Monitors readings', array['readings.monitor']);
-- A role holds only registered permissions of its own product (so a product cannot bundle core
-- powers such as staff.manage under its own name); a role is granted like any other, by a
-- super_admin through grant_staff_role, and reaches the JWT through the same hook.

create table public.staff_permissions (
  permission text primary key check (permission ~ '^[a-z][a-z_]{1,29}\.[a-z][a-z_]{1,39}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  description text not null check (char_length(btrim(description)) between 3 and 500)
);
comment on table public.staff_permissions is 'Staff permissions (<area>.<action>) and who registered each (core or a product); reference data.';
create index staff_permissions_product_idx on public.staff_permissions (product);

insert into public.staff_permissions (permission, product, description) values
  ('staff.manage', 'core', 'Grants and revokes staff roles'),
  ('users.read_all', 'core', 'Reads every user''s account: private profiles, memberships, billing records'),
  ('users.suspend', 'core', 'Suspends users and lifts suspensions'),
  ('audit.read', 'core', 'Reads the audit trail, security events and logs'),
  ('moderation.act', 'core', 'Acts on reports: warns, hides content, suspends; reads reported conversations and verification requests'),
  ('reports.read', 'core', 'Reads the report queue'),
  ('support.read', 'core', 'Reads what support needs to help users'),
  ('config.manage', 'core', 'Changes the platform configuration');

create table public.staff_roles (
  role text primary key check (role ~ '^[a-z_]{2,32}$'),
  product text not null default 'core' check (product ~ '^[a-z_]{2,30}$'),
  description text not null,
  permissions text[] not null default '{}',
  -- A product's role says whose it is: <product>_monitor, not monitor.
  check (product = 'core' or starts_with(role, product || '_'))
);
comment on table public.staff_roles is 'Staff roles (the core''s and the products'') and the registered permissions each grants; reference data.';
create index staff_roles_product_idx on public.staff_roles (product);

-- A role holds registered permissions of its own product only.
create or replace function private.check_staff_role_permissions()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  permission text;
  owner text;
begin
  select p into permission from unnest(new.permissions) p
   where not exists (select 1 from public.staff_permissions sp where sp.permission = p)
   limit 1;
  if found then
    raise exception 'unknown staff permission "%"', permission using errcode = 'PA001',
      hint = 'register it in public.staff_permissions first';
  end if;
  select sp.permission, sp.product into permission, owner from public.staff_permissions sp
   where sp.permission = any (new.permissions) and sp.product <> new.product
   limit 1;
  if found then
    raise exception 'staff role "%" of % cannot hold "%", a permission of %', new.role, new.product, permission, owner
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger check_staff_role_permissions before insert or update on public.staff_roles
  for each row execute function private.check_staff_role_permissions();

-- A permission some role holds stays registered, under its name and product.
create or replace function private.check_staff_permission_unused()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.permission = old.permission and new.product = old.product then
      return new;
    end if;
  end if;
  if exists (select 1 from public.staff_roles r where old.permission = any (r.permissions)) then
    raise exception 'staff permission "%" is held by a staff role', old.permission using errcode = '23503';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger check_staff_permission_unused before update or delete on public.staff_permissions
  for each row execute function private.check_staff_permission_unused();

insert into public.staff_roles (role, description, permissions) values
  ('super_admin', 'Every core permission, including granting and revoking staff roles',
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

revoke all on public.staff_permissions, public.staff_roles, public.user_staff_roles from anon, authenticated;
grant select on public.staff_permissions, public.staff_roles, public.user_staff_roles to authenticated;
-- The hook runs as supabase_auth_admin and reads both tables.
grant usage on schema public to supabase_auth_admin;
grant select on public.staff_roles, public.user_staff_roles, public.profiles to supabase_auth_admin;

alter table public.staff_permissions enable row level security;
alter table public.staff_roles enable row level security;
alter table public.user_staff_roles enable row level security;

create policy "signed-in users can read the staff permission catalog" on public.staff_permissions
  for select to authenticated using (true);
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
-- Adds staff_roles and staff_permissions (core and product roles alike) to an active staff member's
-- claims; every other user's event passes through unchanged. A suspended or deleted staff member
-- gets no staff claims (and private.has_permission reads the status again, for tokens issued
-- before a suspension). "Active" is private.is_active_user's rule: a suspension past its end counts
-- as lifted.
create or replace function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  uid uuid := (event ->> 'user_id')::uuid;
  roles text[];
  permissions text[];
begin
  select array_agg(usr.role order by usr.role) into roles
    from public.user_staff_roles usr
    join public.profiles pr on pr.id = usr.user_id
   where usr.user_id = uid
     and (pr.status = 'active' or (pr.status = 'suspended' and pr.suspended_until <= now()));
  if roles is null then
    return event;
  end if;
  select array_agg(distinct p order by p) into permissions
    from public.staff_roles sr, unnest(sr.permissions) p
   where sr.role = any (roles);
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
    raise exception 'unknown staff role "%"', p_role using errcode = 'PA001';
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

grant execute on function public.grant_staff_role(uuid, text), public.revoke_staff_role(uuid, text) to authenticated, service_role;
