-- Foundation: extensions, the schemas of the shared core, their grants, and the helpers every later
-- migration uses (a product creates its own schema with private.create_product_schema).

-- Extensions ------------------------------------------------------------------------------------
-- pg_cron schedules maintenance (hold expiry, roll-ups); postgis serves location search.
-- `supabase db reset` drops extensions outside the platform's keep-list, so migrations own them.
create extension if not exists pg_cron with schema pg_catalog;
create extension if not exists postgis with schema extensions;

-- Schemas ---------------------------------------------------------------------------------------
create schema if not exists billing;
-- Never exposed through the API: security-definer helpers, webhook events, idempotency records.
create schema if not exists private;
-- Audit log, security events, activity and analytics: staff-only, read through policies.
create schema if not exists audit;

comment on schema billing is 'Ledger accounts, transfers, holds and Stripe records; clients read their own rows, every write goes through functions.';
comment on schema private is 'Internal helpers and records; not exposed through the API.';
comment on schema audit is 'Audit trail, security events and analytics; staff-only.';

-- Grants ----------------------------------------------------------------------------------------
-- One grant style everywhere: a new function is executable by nobody but its owner and the server
-- (service_role) until the migration that creates it grants it to the roles that need it. PostgreSQL
-- grants PUBLIC by default, and Supabase grants anon and authenticated in `public` by default: both
-- are revoked here, so hosted projects get the same as the local stack.
alter default privileges for role postgres revoke execute on functions from public;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated;

-- The API roles may enter the exposed schemas; each table and function gets its own grants
-- (nothing is granted by accident). service_role is the server's role: it bypasses RLS and
-- gets everything by default.
grant usage on schema billing to anon, authenticated, service_role;
-- Policies call helpers in private, so the API roles need USAGE; private is not exposed, so
-- nothing in it is reachable as an RPC.
grant usage on schema private, audit to anon, authenticated, service_role;

do $$
declare
  schema_name text;
begin
  foreach schema_name in array array['billing', 'private', 'audit']
  loop
    execute format('alter default privileges for role postgres in schema %I grant all on tables to service_role', schema_name);
    execute format('alter default privileges for role postgres in schema %I grant all on sequences to service_role', schema_name);
    execute format('alter default privileges for role postgres in schema %I grant execute on functions to service_role', schema_name);
  end loop;
end
$$;

-- A product's schema, exposed through the API (listed in supabase/config.toml [api] schemas), with
-- the same grants as the core's exposed ones: usage for the API roles, everything for the server's
-- role by default, nothing else until the product's migrations grant it.
create or replace function private.create_product_schema(p_schema text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_schema is null or p_schema !~ '^[a-z][a-z_]{1,29}$' or p_schema in ('public', 'billing', 'private', 'audit') then
    raise exception 'a product schema is a new lowercase name, not %', coalesce(p_schema, 'null') using errcode = '22023';
  end if;
  execute format('create schema if not exists %I', p_schema);
  execute format('grant usage on schema %I to anon, authenticated, service_role', p_schema);
  execute format('alter default privileges for role postgres in schema %I grant all on tables to service_role', p_schema);
  execute format('alter default privileges for role postgres in schema %I grant all on sequences to service_role', p_schema);
  execute format('alter default privileges for role postgres in schema %I grant execute on functions to service_role', p_schema);
end
$$;
revoke execute on function private.create_product_schema(text) from service_role;

-- Shared helpers --------------------------------------------------------------------------------
-- The one updated_at trigger function: `create trigger set_updated_at before update on <t>
-- for each row execute function private.set_updated_at();`
create or replace function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;
comment on function private.set_updated_at() is 'Trigger: stamps updated_at on every update.';

-- The one rule for URL columns a client may write (`check (private.is_http_url(col))`): http or
-- https with a host, at most 2048 characters, no whitespace, quotes or angle brackets, so that a
-- `javascript:` or `data:` URL never reaches another user's link or image. Null passes (no URL).
create or replace function private.is_http_url(p_url text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_url ~ '^https?://[^[:space:]"''<>\\/?#@]+([/?#][^[:space:]"''<>\\]*)?$' and pg_catalog.char_length(p_url) <= 2048
$$;
-- CHECK constraints run it as the writer.
grant execute on function private.is_http_url(text) to anon, authenticated, service_role;

-- Registries ------------------------------------------------------------------------------------
-- Products plug into the core by registering functions in the core's registries (AI purposes,
-- conversation subjects, report targets, ...). A registration stores a text signature (reg* types
-- do not survive pg_upgrade), checked here when it is written and resolved here when it is called.

-- The function a signature names, if it has the shape the registry expects: 42883 when there is no
-- such function (names must be schema-qualified: the search_path is empty), 22023 when its
-- arguments or result differ.
create or replace function private.registered_function(p_signature text, p_arguments regtype[], p_returns regtype, p_returns_set boolean default false)
returns regprocedure
language plpgsql
stable
set search_path = ''
as $$
declare
  fn regprocedure := pg_catalog.to_regprocedure(p_signature);
  found_arguments regtype[];
  found_returns regtype;
  found_set boolean;
  found_kind "char";
begin
  if fn is null then
    raise exception 'no function %', coalesce(p_signature, 'null') using errcode = '42883';
  end if;
  -- An oidvector counts from 0; the slice counts from 1, as p_arguments does.
  select ((p.proargtypes::oid[])[:])::regtype[], p.prorettype::regtype, p.proretset, p.prokind
    into found_arguments, found_returns, found_set, found_kind
    from pg_catalog.pg_proc p where p.oid = fn;
  if found_kind <> 'f' or found_set <> p_returns_set or found_arguments <> p_arguments or found_returns <> p_returns then
    raise exception '% must be a function (%) returning %', p_signature, array_to_string(p_arguments, ', '),
      case when p_returns_set then 'setof ' else '' end || p_returns::text using errcode = '22023';
  end if;
  return fn;
end
$$;

-- A registered function, resolved for a call (`execute format('select %s(...)', ...)`). One dropped
-- since it was registered is a deployment error: raised, never skipped.
create or replace function private.registered_call(p_signature text)
returns regproc
language plpgsql
stable
set search_path = ''
as $$
declare
  fn regprocedure := pg_catalog.to_regprocedure(p_signature);
begin
  if fn is null then
    raise exception 'the registered function % does not exist', coalesce(p_signature, 'null') using errcode = '42883';
  end if;
  return fn::oid::regproc;
end
$$;
revoke execute on function private.registered_function(text, regtype[], regtype, boolean), private.registered_call(text) from service_role;

