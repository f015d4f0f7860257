-- Profiles: one per auth user, created at sign-up and kept in step with Auth; the shared access
-- predicates every policy uses; suspension by staff.

-- Access helpers --------------------------------------------------------------------------------
-- Staff permissions reach the JWT through the Custom Access Token hook (staff_roles migration);
-- this is the one helper policies and functions read them through. service_role, the server's
-- own key, may do what any staff member may. A claim lasts as long as its token, so the caller's
-- profile is read here too: a staff member suspended after the token was issued loses every staff
-- permission at once. The rule is private.is_active_user's, written out so that only callers whose
-- claim carries the permission pay for the lookup. PL/pgSQL keeps its plan (a SQL function is
-- planned on every call); security definer reads the status whatever the profiles policies say.
create or replace function private.has_permission(permission text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.role() = 'service_role' then
    return true;
  end if;
  if not coalesce((auth.jwt() -> 'staff_permissions') ? permission, false) then
    return false;
  end if;
  return exists (
    select 1 from public.profiles p
     where p.id = auth.uid()
       and (p.status = 'active' or (p.status = 'suspended' and p.suspended_until <= now())));
end
$$;
comment on function private.has_permission(text) is 'True when the caller''s JWT carries the staff permission and the caller is still active (or the caller is service_role).';

-- Profiles ----------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (char_length(display_name) between 2 and 100),
  avatar_url text check (char_length(avatar_url) <= 2048),
  bio text check (char_length(bio) <= 2000),
  timezone text check (char_length(timezone) <= 64),
  locale text not null default 'en-US' check (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' and char_length(locale) <= 35),
  status text not null default 'active' check (status in ('active', 'suspended', 'deleted')),
  suspended_until timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'deleted') = (deleted_at is not null)),
  check (status = 'suspended' or suspended_until is null)
);
alter table public.profiles add constraint profiles_avatar_url_http check (private.is_http_url(avatar_url));
comment on table public.profiles is 'The public face of a user: what other users may see. Status, suspension and deletion change only through staff RPCs and account deletion.';
create index profiles_suspended_until_idx on public.profiles (suspended_until) where status = 'suspended';

-- The private part of a profile: the owner and staff read it.
create table public.private_profiles (
  id uuid primary key references public.profiles (id) on delete cascade,
  email text,
  preferences jsonb not null default '{}' check (jsonb_typeof(preferences) = 'object' and octet_length(preferences::text) <= 16384),
  last_login_at timestamptz,
  suspension_reason text check (char_length(suspension_reason) <= 1000),
  suspended_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.private_profiles is 'Email (kept in step with Auth), preferences, last login and suspension details: owner and staff only.';
create index private_profiles_suspended_by_idx on public.private_profiles (suspended_by);

create trigger set_updated_at before update on public.profiles for each row execute function private.set_updated_at();
create trigger set_updated_at before update on public.private_profiles for each row execute function private.set_updated_at();

-- The shared write predicate ---------------------------------------------------------------------
-- Every write policy and RPC requires an active caller: a suspended or deleted user keeps reading
-- their own data and writes nothing. A suspension past its end counts as lifted.
-- PL/pgSQL: every RPC calls it, and a SQL function with SET search_path is planned again at each call.
create or replace function private.is_active_user()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.profiles p
    where p.id = auth.uid()
      and (p.status = 'active' or (p.status = 'suspended' and p.suspended_until <= now())));
end
$$;

-- For RPCs: the caller's id, or an error when there is no active caller.
create or replace function private.require_active_user()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
begin
  if caller is null then
    raise exception 'not signed in' using errcode = '42501', hint = 'call with a user''s JWT';
  end if;
  if not private.is_active_user() then
    raise exception 'account is suspended or deleted' using errcode = '42501';
  end if;
  return caller;
end
$$;

-- For staff RPCs: the caller's id (null for service_role), or an error when the caller lacks the
-- permission or is a suspended staff member.
create or replace function private.require_staff_permission(permission text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.has_permission(permission) then
    raise exception 'this needs the staff permission %', permission using errcode = '42501';
  end if;
  if auth.role() = 'service_role' then
    return null;
  end if;
  return private.require_active_user();
end
$$;

-- Sign-up and Auth sync ---------------------------------------------------------------------------
-- A display name from sign-up metadata or the email's local part, made valid (2 to 100 characters).
create or replace function private.display_name_for(meta jsonb, email text, user_id uuid)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when char_length(candidate) >= 2 then left(candidate, 100) else 'user-' || left(user_id::text, 8) end
  from (
    select btrim(regexp_replace(coalesce(
      nullif(btrim(meta ->> 'display_name'), ''),
      nullif(btrim(meta ->> 'full_name'), ''),
      nullif(btrim(meta ->> 'name'), ''),
      nullif(btrim(meta ->> 'user_name'), ''),
      split_part(coalesce(email, ''), '@', 1)
    ), '[[:cntrl:]]', '', 'g')) as candidate
  ) c
$$;

create or replace function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name, avatar_url)
  values (new.id, private.display_name_for(new.raw_user_meta_data, new.email, new.id),
          -- The sign-up metadata is the user's own input: a URL that is not http(s) is dropped, not refused.
          case when private.is_http_url(new.raw_user_meta_data ->> 'avatar_url') then new.raw_user_meta_data ->> 'avatar_url' end);
  insert into public.private_profiles (id, email, last_login_at)
  values (new.id, new.email, new.last_sign_in_at);
  return new;
end
$$;

create or replace function private.sync_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.private_profiles
     set email = new.email, last_login_at = new.last_sign_in_at
   where id = new.id;
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();
create trigger on_auth_user_updated after update of email, last_sign_in_at on auth.users
  for each row when (old.email is distinct from new.email or old.last_sign_in_at is distinct from new.last_sign_in_at)
  execute function private.sync_auth_user();

-- Grants and policies -----------------------------------------------------------------------------
-- Only the listed columns are the user's to change; status, suspension and deletion are not.
revoke all on public.profiles, public.private_profiles from anon, authenticated;
grant select on public.profiles to authenticated;
grant update (display_name, avatar_url, bio, timezone, locale) on public.profiles to authenticated;
grant select on public.private_profiles to authenticated;
grant update (preferences) on public.private_profiles to authenticated;
grant execute on function private.has_permission(text), private.is_active_user(), private.require_active_user(),
  private.require_staff_permission(text) to anon, authenticated, service_role;

alter table public.profiles enable row level security;
alter table public.private_profiles enable row level security;

create policy "signed-in users can read profiles" on public.profiles
  for select to authenticated using (true);
create policy "active users can update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()) and (select private.is_active_user()))
  with check (id = (select auth.uid()));

create policy "users and staff can read private profiles" on public.private_profiles
  for select to authenticated
  using (id = (select auth.uid()) or (select private.has_permission('users.read_all')));
create policy "active users can update their own preferences" on public.private_profiles
  for update to authenticated
  using (id = (select auth.uid()) and (select private.is_active_user()))
  with check (id = (select auth.uid()));

-- Suspension --------------------------------------------------------------------------------------
create or replace function public.suspend_user(p_user_id uuid, p_reason text, p_until timestamptz default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_staff_permission('users.suspend');
begin
  if p_user_id = caller then
    raise exception 'staff cannot suspend themselves' using errcode = '22023';
  end if;
  if nullif(btrim(p_reason), '') is null then
    raise exception 'a suspension needs a reason' using errcode = '22023';
  end if;
  if p_until is not null and p_until <= now() then
    raise exception 'a suspension must end in the future' using errcode = '22023';
  end if;
  update public.profiles set status = 'suspended', suspended_until = p_until
   where id = p_user_id and status <> 'deleted';
  if not found then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  update public.private_profiles set suspension_reason = p_reason, suspended_by = caller where id = p_user_id;
end
$$;

create or replace function public.lift_suspension(p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_staff_permission('users.suspend');
  update public.profiles set status = 'active', suspended_until = null
   where id = p_user_id and status = 'suspended';
  if not found then
    raise exception 'user % is not suspended', p_user_id using errcode = 'PA001';
  end if;
  update public.private_profiles set suspension_reason = null, suspended_by = null where id = p_user_id;
end
$$;

grant execute on function public.suspend_user(uuid, text, timestamptz), public.lift_suspension(uuid) to authenticated, service_role;

-- Suspensions past their end are lifted every five minutes (is_active_user already treats them so).
select cron.schedule('lift-expired-suspensions', '*/5 * * * *', $$
  update public.profiles set status = 'active', suspended_until = null
   where status = 'suspended' and suspended_until <= now()
$$);
