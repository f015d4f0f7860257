-- Foundation: extensions, the schemas of the shared core and the five products, their grants,
-- and the helpers every later migration uses.

-- Extensions ------------------------------------------------------------------------------------
-- pg_cron schedules maintenance (hold expiry, roll-ups); postgis serves location search.
-- `supabase db reset` drops extensions outside the platform's keep-list, so migrations own them.
create extension if not exists pg_cron with schema pg_catalog;
create extension if not exists postgis with schema extensions;

-- Schemas ---------------------------------------------------------------------------------------
create schema if not exists billing;
create schema if not exists tabletop;
create schema if not exists tarot;
create schema if not exists studio;
create schema if not exists gigs;
create schema if not exists lounge;
-- Never exposed through the API: security-definer helpers, webhook events, idempotency records.
create schema if not exists private;
-- Audit log, security events, activity and analytics: staff-only, read through policies.
create schema if not exists audit;

comment on schema billing is 'Ledger accounts, transfers, holds and Stripe records; clients read their own rows, every write goes through functions.';
comment on schema private is 'Internal helpers and records; not exposed through the API.';
comment on schema audit is 'Audit trail, security events and analytics; staff-only.';

-- Grants ----------------------------------------------------------------------------------------
-- A new function is executable by PUBLIC unless revoked; every function here is granted to the
-- roles that need it, by the migration that creates it.
alter default privileges for role postgres revoke execute on functions from public;

-- The API roles may enter the exposed schemas; each table and function gets its own grants
-- (nothing is granted by accident). service_role is the server's role: it bypasses RLS and
-- gets everything by default.
grant usage on schema billing, tabletop, tarot, studio, gigs, lounge to anon, authenticated, service_role;
-- Policies call helpers in private, so the API roles need USAGE; private is not exposed, so
-- nothing in it is reachable as an RPC.
grant usage on schema private, audit to anon, authenticated, service_role;

do $$
declare
  schema_name text;
begin
  foreach schema_name in array array['billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit']
  loop
    execute format('alter default privileges for role postgres in schema %I grant all on tables to service_role', schema_name);
    execute format('alter default privileges for role postgres in schema %I grant all on sequences to service_role', schema_name);
    execute format('alter default privileges for role postgres in schema %I grant execute on functions to service_role', schema_name);
  end loop;
end
$$;

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
