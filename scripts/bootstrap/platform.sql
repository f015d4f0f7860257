-- What a Supabase database is before our migrations run, for a plain PostgreSQL 15 cluster.
-- Run once per cluster by the Docker-free stack as the bootstrap superuser supabase_admin;
-- idempotent. Written from the platform's own sources (supabase/postgres migrations/db and its
-- supautils.conf, supabase/auth migrations, supabase/storage migrations/tenant, supabase/realtime
-- tenant migrations; see shared/design/supabase-platform-facts.md), not copied from them:
--
-- * `postgres` is what it is on hosted projects: NOSUPERUSER with CREATEDB, CREATEROLE,
--   REPLICATION and BYPASSRLS; a member of anon, authenticated and service_role (and of
--   pg_read_all_data, pg_signal_backend, pg_monitor), NOT of supabase_auth_admin,
--   supabase_storage_admin or supabase_realtime_admin; it owns the database and `extensions`.
--   Migrations, the seed and the tests run as postgres, so what it may not do fails here too.
-- * auth, storage and realtime are owned by supabase_admin, their tables by the service roles,
--   with the platform's columns, constraints, triggers and grants (postgres: rows, no DDL).
--   `supabase db reset --remote=<url>` keeps them: it drops only schemas not owned by
--   supabase_admin and truncates the auth tables.
--
-- What supautils gives postgres on the platform, which plain PostgreSQL lacks, is emulated here by
-- event triggers owned by supabase_admin; each grants exactly that permission and nothing more:
-- * privileged extensions: `create extension if not exists <x>` by postgres, for an extension of
--   the platform's supautils.privileged_extensions, is carried out by supabase_admin (so its objects
--   are supabase_admin's, as there); `drop extension` of such an extension by postgres is allowed.
--   pg_cron always goes to pg_catalog, and postgres then gets what the platform's pg_cron
--   after-create script gives it (cron.job read-only).
-- * policy grants: postgres may create, alter and drop policies on the tables of the platform's
--   supautils.policy_grants (storage.objects, realtime.messages, ...), which it does not own.
-- * privileged_role_allowed_configs: postgres may set session_replication_role and track_io_timing.
-- The emulation acts only for postgres; supabase_admin and the API roles are unaffected.

\set ON_ERROR_STOP on
set client_min_messages = warning;

-- Roles -----------------------------------------------------------------------------------------
do $$
declare
  r record;
begin
  for r in
    select * from (values
      -- name,                        login, inherit, bypassrls
      ('postgres',                    true,  true,  true),
      ('anon',                        false, true,  false),
      ('authenticated',               false, true,  false),
      ('service_role',                false, true,  true),
      ('authenticator',               true,  false, false),
      ('supabase_auth_admin',         true,  false, false),
      ('supabase_storage_admin',      true,  false, false),
      ('supabase_realtime_admin',     true,  false, false),
      ('supabase_functions_admin',    true,  false, false),
      ('supabase_replication_admin',  true,  true,  false),
      ('supabase_read_only_user',     true,  true,  true),
      ('dashboard_user',              false, true,  false),
      ('pgbouncer',                   true,  true,  false)
    ) as t(name, can_login, inherits, bypass_rls)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I', r.name);
    end if;
    execute format('alter role %I nosuperuser %s %s %s', r.name,
      case when r.can_login then 'login' else 'nologin' end,
      case when r.inherits then 'inherit' else 'noinherit' end,
      case when r.bypass_rls then 'bypassrls' else 'nobypassrls' end);
  end loop;
end
$$;

alter role supabase_admin superuser createdb createrole replication bypassrls login password 'postgres';
-- The platform demotes postgres: no superuser, but these attributes.
alter role postgres nosuperuser createdb createrole replication bypassrls login password 'postgres';
alter role authenticator password 'postgres';
alter role supabase_auth_admin nocreaterole password 'postgres';
alter role supabase_storage_admin createrole password 'postgres';
alter role supabase_realtime_admin createrole replication password 'postgres';
alter role supabase_functions_admin createrole password 'postgres';
alter role supabase_replication_admin replication;
alter role dashboard_user createdb createrole replication;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role supabase_auth_admin set search_path = auth;
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000;
alter role supabase_storage_admin set search_path = storage;
alter role supabase_realtime_admin set search_path = public, extensions, realtime;
alter role supabase_admin set search_path = "$user", public, auth, extensions;
alter role postgres set search_path = "$user", public, extensions;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;
grant pg_read_all_data to supabase_read_only_user;
grant anon, authenticated, service_role, authenticator to supabase_storage_admin;
grant anon, authenticated, service_role to supabase_realtime_admin;
-- A bootstrap of an older version made postgres a member of the service admin roles: not any more.
do $$
declare
  admin_role text;
begin
  foreach admin_role in array array['supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin', 'supabase_admin']
  loop
    if pg_has_role('postgres', admin_role, 'member') then
      execute format('revoke %I from postgres', admin_role);
    end if;
  end loop;
end
$$;

-- PostgREST's setting of the exposed schemas lives on its own login role, as on the platform
-- (postgres does not see it; the stack passes it to the advisors itself).
select set_config('bootstrap.api_schemas', :'api_schemas', false) as api_schemas \gset
do $$
begin
  execute format('alter role authenticator set pgrst.db_schemas = %L', current_setting('bootstrap.api_schemas'));
  -- An older bootstrap set it on the database.
  execute format('alter database %I reset pgrst.db_schemas', current_database());
end
$$;

-- The database is postgres's, as on hosted projects.
do $$
begin
  execute format('alter database %I owner to postgres', current_database());
  execute format('grant all on database %I to postgres, dashboard_user', current_database());
  execute format('grant create on database %I to supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin', current_database());
end
$$;

-- supautils.privileged_role_allowed_configs, for the settings this PostgreSQL has.
grant set on parameter session_replication_role, track_io_timing to postgres;
grant execute on function pg_catalog.pg_reload_conf() to postgres;

-- Schemas ---------------------------------------------------------------------------------------
create schema if not exists extensions authorization postgres;
create schema if not exists auth authorization supabase_admin;
create schema if not exists storage authorization supabase_admin;
create schema if not exists realtime authorization supabase_admin;
create schema if not exists graphql_public authorization supabase_admin;
create schema if not exists supabase_functions authorization supabase_admin;

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role, supabase_realtime_admin;
grant all on schema extensions to dashboard_user;
grant usage on schema auth to postgres, anon, authenticated, service_role, supabase_realtime_admin;
grant all on schema auth to supabase_auth_admin, dashboard_user;
grant usage on schema storage to postgres with grant option;
grant usage on schema storage to anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin with grant option;
grant all on schema storage to dashboard_user;
grant usage on schema realtime to postgres with grant option;
grant usage on schema realtime to anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin with grant option;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;
grant create, usage on schema public to supabase_realtime_admin;
-- postgres manages the rows of the service schemas, never their objects.
revoke create on schema auth, storage, realtime from postgres;

-- Default privileges as on Supabase: what postgres or supabase_admin create in public is granted
-- to the API roles, so RLS and explicit revokes are what protect it. In extensions only postgres
-- gets what supabase_admin creates (anon, authenticated and service_role get nothing by default).
alter default privileges for role postgres, supabase_admin in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres, supabase_admin in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role postgres, supabase_admin in schema public
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema extensions
  grant all on tables to postgres with grant option;
alter default privileges for role supabase_admin in schema extensions
  grant all on routines to postgres with grant option;
alter default privileges for role supabase_admin in schema extensions
  grant all on sequences to postgres with grant option;
-- An older bootstrap granted the API roles defaults in extensions: not any more.
alter default privileges for role postgres, supabase_admin in schema extensions
  revoke all on tables from anon, authenticated, service_role;
alter default privileges for role postgres, supabase_admin in schema extensions
  revoke all on functions from anon, authenticated, service_role;

-- Extensions the platform installs before any migration. Reset keeps these (its keep-list).
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_stat_statements with schema extensions;
grant all on all tables in schema extensions to postgres with grant option;
grant all on all routines in schema extensions to postgres with grant option;
grant all on all sequences in schema extensions to postgres with grant option;

-- supautils, emulated -----------------------------------------------------------------------------
-- The platform's lists (supautils.conf of supabase/postgres).
create or replace function extensions.supautils_privileged_extensions()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['address_standardizer', 'address_standardizer_data_us', 'autoinc', 'bloom', 'btree_gin',
    'btree_gist', 'citext', 'cube', 'dblink', 'dict_int', 'dict_xsyn', 'earthdistance', 'fuzzystrmatch',
    'hstore', 'http', 'hypopg', 'index_advisor', 'insert_username', 'intarray', 'isn', 'ltree', 'moddatetime',
    'pg_cron', 'pg_graphql', 'pg_hashids', 'pg_jsonschema', 'pg_net', 'pg_repack', 'pg_stat_monitor',
    'pg_stat_statements', 'pg_trgm', 'pg_walinspect', 'pgaudit', 'pgcrypto', 'pgjwt', 'pgmq', 'pgroonga',
    'pgroonga_database', 'pgrouting', 'pgrowlocks', 'pgsodium', 'pgtap', 'plcoffee', 'pljava', 'plls',
    'plpgsql', 'plpgsql_check', 'plv8', 'postgis', 'postgis_raster', 'postgis_sfcgal',
    'postgis_tiger_geocoder', 'postgis_topology', 'postgres_fdw', 'refint', 'rum', 'seg', 'sslinfo',
    'supabase_vault', 'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid-ossp',
    'vector', 'wrappers']
$$;

create or replace function extensions.supautils_policy_grants()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['auth.audit_log_entries', 'auth.identities', 'auth.refresh_tokens', 'auth.sessions', 'auth.users',
    'realtime.messages', 'storage.buckets', 'storage.migrations', 'storage.objects',
    'storage.s3_multipart_uploads', 'storage.s3_multipart_uploads_parts']
$$;

-- Who runs the DDL being watched. Event trigger functions below are security definer, so the
-- caller is read from the session: the role set with SET ROLE, else the session user.
create or replace function extensions.supautils_actor()
returns text
language sql
stable
set search_path = ''
as $$
  select case when pg_catalog.current_setting('role') = 'none' then pg_catalog.session_user()::text
              else pg_catalog.current_setting('role') end
$$;

-- Privileged extensions: creating one as supabase_admin. Callable by postgres directly too, which
-- allows nothing more than the event trigger does (the platform lets postgres create these).
create or replace function extensions.supautils_create_extension(p_name text, p_schema text, p_version text, p_cascade boolean)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  if not (p_name = any (extensions.supautils_privileged_extensions())) then
    return;  -- not privileged: CREATE EXTENSION goes on as the caller and fails as on the platform
  end if;
  if exists (select 1 from pg_extension where extname = p_name) then
    return;
  end if;
  perform set_config('supautils.emulating', 'on', true);
  execute format('create extension %I with schema %I%s%s', p_name,
    case when p_name = 'pg_cron' then 'pg_catalog' else p_schema end,  -- extensions_parameter_overrides
    case when p_version is null then '' else format(' version %L', p_version) end,
    case when p_cascade then ' cascade' else '' end);
  perform set_config('supautils.emulating', 'off', true);
end
$$;
revoke all on function extensions.supautils_create_extension(text, text, text, boolean) from public;
grant execute on function extensions.supautils_create_extension(text, text, text, boolean) to postgres;

-- Runs as the caller (postgres), so the statement and the search_path are the caller's.
create or replace function extensions.supautils_before_create_extension()
returns event_trigger
language plpgsql
as $$
declare
  stmt text[];
  target_schema text;
begin
  if current_user <> 'postgres' or coalesce(current_setting('supautils.emulating', true), 'off') = 'on' then
    return;
  end if;
  -- CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]
  -- The statement as sent, less its comments (migration files put them before it).
  stmt := regexp_match(regexp_replace(regexp_replace(current_query(), '/\*.*?\*/', '', 'g'), '--[^\n]*', '', 'g'),
    '^\s*create\s+extension\s+(if\s+not\s+exists\s+)?("[^"]+"|[a-z0-9_-]+)(?:\s+with)?(?:\s+schema\s+("[^"]+"|[a-z0-9_]+))?(?:\s+version\s+(''[^'']*''|"[^"]+"|[a-z0-9_.-]+))?(\s+cascade)?\s*;?\s*$',
    'i');
  if stmt is null then
    return;  -- not a statement we can read: PostgreSQL decides as the caller
  end if;
  if not (btrim(stmt[2], '"') = any (extensions.supautils_privileged_extensions())) then
    return;
  end if;
  if stmt[1] is null then
    raise exception 'locally, create extension % with IF NOT EXISTS', btrim(stmt[2], '"')
      using hint = 'The local stack emulates supautils by creating the extension first as supabase_admin.';
  end if;
  target_schema := coalesce(btrim(stmt[3], '"'),
    (select schema from pg_available_extension_versions where name = btrim(stmt[2], '"') and schema is not null limit 1),
    (current_schemas(false))[1]);
  perform extensions.supautils_create_extension(btrim(stmt[2], '"'), target_schema,
    nullif(btrim(btrim(stmt[4], ''''), '"'), ''), stmt[5] is not null);
end
$$;
revoke all on function extensions.supautils_before_create_extension() from public;

-- Dropping a privileged extension and managing policies on the granted tables: postgres is made a
-- member of the owning role for the one statement (transactional: an error rolls it back), the
-- statement is checked at its end to have touched only what the platform allows, and the
-- membership is revoked.
create or replace function extensions.supautils_before_ddl()
returns event_trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  granted text[] := '{}';
  owner_role text;
begin
  if extensions.supautils_actor() <> 'postgres' or coalesce(current_setting('supautils.emulating', true), 'off') = 'on' then
    return;
  end if;
  foreach owner_role in array case when tg_tag = 'DROP EXTENSION' then array['supabase_admin']
    else array['supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin'] end
  loop
    if not pg_has_role('postgres', owner_role, 'member') then
      execute format('grant %I to postgres', owner_role);
      granted := granted || owner_role;
    end if;
  end loop;
  perform set_config('supautils.granted', array_to_string(granted, ','), true);
end
$$;
revoke all on function extensions.supautils_before_ddl() from public;

-- Whether postgres may touch a table's policies: its own, or one of the granted tables.
create or replace function extensions.supautils_policy_allowed(p_table oid)
returns boolean
language sql
stable
set search_path = ''
as $$
  select c.relowner::regrole::text <> all (string_to_array(coalesce(nullif(pg_catalog.current_setting('supautils.granted', true), ''), ''), ','))
         or pg_catalog.format('%s.%s', n.nspname, c.relname) = any (extensions.supautils_policy_grants())
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.oid = p_table
$$;

create or replace function extensions.supautils_check_dropped()
returns event_trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  dropped record;
begin
  if coalesce(current_setting('supautils.granted', true), '') = '' then
    return;
  end if;
  for dropped in select * from pg_event_trigger_dropped_objects() where original loop
    if dropped.object_type = 'extension' and not (dropped.object_name = any (extensions.supautils_privileged_extensions())) then
      raise exception 'permission denied to drop extension %', dropped.object_name using errcode = '42501';
    end if;
    if dropped.object_type = 'policy' and not extensions.supautils_policy_allowed(
        to_regclass(format('%I.%I', dropped.address_names[1], dropped.address_names[2]))) then
      raise exception 'must be owner of table %', dropped.address_names[2] using errcode = '42501';
    end if;
  end loop;
end
$$;
revoke all on function extensions.supautils_check_dropped() from public;

create or replace function extensions.supautils_after_ddl()
returns event_trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  granted text := coalesce(current_setting('supautils.granted', true), '');
  command record;
  owner_role text;
begin
  if granted = '' then
    return;
  end if;
  if tg_tag in ('CREATE POLICY', 'ALTER POLICY') then
    for command in select p.polrelid from pg_event_trigger_ddl_commands() d join pg_policy p on p.oid = d.objid loop
      if not extensions.supautils_policy_allowed(command.polrelid) then
        raise exception 'must be owner of table %', command.polrelid::regclass using errcode = '42501';
      end if;
    end loop;
  end if;
  foreach owner_role in array string_to_array(granted, ',') loop
    execute format('revoke %I from postgres', owner_role);
  end loop;
  perform set_config('supautils.granted', '', true);
end
$$;
revoke all on function extensions.supautils_after_ddl() from public;

-- What the platform's pg_cron after-create script gives postgres (cron.job read-only).
create or replace function extensions.grant_pg_cron_access()
returns event_trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  if exists (select 1 from pg_event_trigger_ddl_commands() ev join pg_extension e on e.oid = ev.objid where e.extname = 'pg_cron') then
    grant usage on schema cron to postgres with grant option;
    grant all on all functions in schema cron to postgres with grant option;
    alter default privileges for user supabase_admin in schema cron grant all on sequences to postgres with grant option;
    alter default privileges for user supabase_admin in schema cron grant all on tables to postgres with grant option;
    alter default privileges for user supabase_admin in schema cron grant all on functions to postgres with grant option;
    grant all privileges on all tables in schema cron to postgres with grant option;
    revoke all on table cron.job from postgres;
    grant select on table cron.job to postgres with grant option;
    revoke trigger on cron.job_run_details from postgres;
  end if;
end
$$;
revoke all on function extensions.grant_pg_cron_access() from public;

-- PostgREST's schema cache reload, as the platform installs it (NOTIFY only; nothing listens here).
create or replace function extensions.pgrst_ddl_watch()
returns event_trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  cmd record;
begin
  for cmd in select * from pg_event_trigger_ddl_commands() loop
    if (cmd.command_tag in ('CREATE SCHEMA', 'ALTER SCHEMA', 'CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO',
          'ALTER TABLE', 'CREATE FOREIGN TABLE', 'ALTER FOREIGN TABLE', 'CREATE VIEW', 'ALTER VIEW',
          'CREATE MATERIALIZED VIEW', 'ALTER MATERIALIZED VIEW', 'CREATE FUNCTION', 'ALTER FUNCTION',
          'CREATE TYPE', 'ALTER TYPE', 'CREATE RULE', 'COMMENT')
        and coalesce(cmd.schema_name, '') not in ('pg_temp', 'auth', 'realtime', '_realtime', 'storage'))
       or (cmd.command_tag = 'CREATE TRIGGER' and cmd.object_identity not like '% pg\_temp.%') then
      notify pgrst, 'reload schema';
    end if;
  end loop;
end
$$;

create or replace function extensions.pgrst_drop_watch()
returns event_trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  obj record;
begin
  for obj in select * from pg_event_trigger_dropped_objects() loop
    if (obj.object_type in ('schema', 'table', 'foreign table', 'view', 'materialized view', 'function', 'type', 'rule')
        and not obj.is_temporary
        and coalesce(obj.schema_name, '') not in ('auth', 'realtime', '_realtime', 'storage'))
       or (obj.object_type = 'trigger' and obj.object_identity not like '% pg\_temp.%') then
      notify pgrst, 'reload schema';
    end if;
  end loop;
end
$$;

do $$
begin
  drop event trigger if exists supautils_before_create_extension;
  drop event trigger if exists supautils_before_ddl;
  drop event trigger if exists supautils_check_dropped;
  drop event trigger if exists supautils_after_ddl;
  drop event trigger if exists issue_pg_cron_access;
  drop event trigger if exists pgrst_ddl_watch;
  drop event trigger if exists pgrst_drop_watch;
  create event trigger supautils_before_create_extension on ddl_command_start when tag in ('CREATE EXTENSION')
    execute function extensions.supautils_before_create_extension();
  create event trigger supautils_before_ddl on ddl_command_start
    when tag in ('DROP EXTENSION', 'CREATE POLICY', 'ALTER POLICY', 'DROP POLICY')
    execute function extensions.supautils_before_ddl();
  create event trigger supautils_check_dropped on sql_drop when tag in ('DROP EXTENSION', 'DROP POLICY')
    execute function extensions.supautils_check_dropped();
  create event trigger supautils_after_ddl on ddl_command_end
    when tag in ('DROP EXTENSION', 'CREATE POLICY', 'ALTER POLICY', 'DROP POLICY')
    execute function extensions.supautils_after_ddl();
  create event trigger issue_pg_cron_access on ddl_command_end when tag in ('CREATE EXTENSION')
    execute function extensions.grant_pg_cron_access();
  create event trigger pgrst_ddl_watch on ddl_command_end execute function extensions.pgrst_ddl_watch();
  create event trigger pgrst_drop_watch on sql_drop execute function extensions.pgrst_drop_watch();
end
$$;

-- auth (supabase/auth's migrations, as supabase_auth_admin runs them) -------------------------------
set role supabase_auth_admin;

do $$ begin
  create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
  create type auth.factor_status as enum ('unverified', 'verified');
  create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  create type auth.code_challenge_method as enum ('s256', 'plain');
  create type auth.one_time_token_type as enum ('confirmation_token', 'reauthentication_token',
    'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token');
  create type auth.oauth_registration_type as enum ('dynamic', 'manual');
  create type auth.oauth_client_type as enum ('public', 'confidential');
  create type auth.oauth_authorization_status as enum ('pending', 'approved', 'denied', 'expired');
  create type auth.oauth_response_type as enum ('code');
exception when duplicate_object then null;  -- already bootstrapped
end $$;

create table if not exists auth.schema_migrations (version varchar(255) not null primary key);

create table if not exists auth.instances (
  id uuid not null primary key,
  uuid uuid,
  raw_base_config text,
  created_at timestamptz,
  updated_at timestamptz
);

create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;
create index if not exists users_instance_id_idx on auth.users (instance_id);
create index if not exists users_instance_id_email_idx on auth.users (instance_id, lower(email));
create index if not exists users_is_anonymous_idx on auth.users (is_anonymous);
create unique index if not exists confirmation_token_idx on auth.users (confirmation_token) where confirmation_token !~ '^[0-9 ]*$';
create unique index if not exists recovery_token_idx on auth.users (recovery_token) where recovery_token !~ '^[0-9 ]*$';
create unique index if not exists email_change_token_current_idx on auth.users (email_change_token_current) where email_change_token_current !~ '^[0-9 ]*$';
create unique index if not exists email_change_token_new_idx on auth.users (email_change_token_new) where email_change_token_new !~ '^[0-9 ]*$';
create unique index if not exists reauthentication_token_idx on auth.users (reauthentication_token) where reauthentication_token !~ '^[0-9 ]*$';
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);

create table if not exists auth.oauth_clients (
  id uuid not null primary key,
  client_secret_hash text,
  registration_type auth.oauth_registration_type not null,
  redirect_uris text not null,
  grant_types text not null,
  client_name text check (char_length(client_name) <= 1024),
  client_uri text check (char_length(client_uri) <= 2048),
  logo_uri text check (char_length(logo_uri) <= 2048),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  client_type auth.oauth_client_type not null default 'confidential',
  token_endpoint_auth_method text not null check (token_endpoint_auth_method in ('client_secret_basic', 'client_secret_post', 'none'))
);
create index if not exists oauth_clients_deleted_at_idx on auth.oauth_clients (deleted_at);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid references auth.oauth_clients (id) on delete cascade,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text check (char_length(scopes) <= 4096)
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);
create index if not exists user_id_created_at_idx on auth.sessions (user_id, created_at);
create index if not exists sessions_not_after_idx on auth.sessions (not_after desc);
create index if not exists sessions_oauth_client_id_idx on auth.sessions (oauth_client_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) constraint refresh_tokens_token_unique unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_instance_id_idx on auth.refresh_tokens (instance_id);
create index if not exists refresh_tokens_instance_id_user_id_idx on auth.refresh_tokens (instance_id, user_id);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_updated_at_idx on auth.refresh_tokens (updated_at desc);

create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type auth.factor_type not null,
  status auth.factor_status not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text,
  phone text,
  last_challenged_at timestamptz unique,
  web_authn_credential jsonb,
  web_authn_aaguid uuid,
  last_webauthn_challenge_data jsonb
);
create index if not exists factor_id_created_at_idx on auth.mfa_factors (user_id, created_at);
create index if not exists mfa_factors_user_id_idx on auth.mfa_factors (user_id);
create unique index if not exists mfa_factors_user_friendly_name_unique on auth.mfa_factors (friendly_name, user_id) where btrim(friendly_name) <> '';
create unique index if not exists unique_phone_factor_per_user on auth.mfa_factors (user_id, phone);

create table if not exists auth.mfa_challenges (
  id uuid not null primary key,
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null,
  verified_at timestamptz,
  ip_address inet not null,
  otp_code text,
  web_authn_session_data jsonb
);
create index if not exists mfa_challenge_created_at_idx on auth.mfa_challenges (created_at desc);

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid not null constraint amr_id_pk primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

create table if not exists auth.one_time_tokens (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp not null default now(),
  updated_at timestamp not null default now()
);
create unique index if not exists one_time_tokens_user_id_token_type_key on auth.one_time_tokens (user_id, token_type);
create index if not exists one_time_tokens_token_hash_hash_idx on auth.one_time_tokens using hash (token_hash);
create index if not exists one_time_tokens_relates_to_hash_idx on auth.one_time_tokens using hash (relates_to);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid not null primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);
create index if not exists audit_logs_instance_id_idx on auth.audit_log_entries (instance_id);

create table if not exists auth.flow_state (
  id uuid not null primary key,
  user_id uuid,
  auth_code text,
  code_challenge_method auth.code_challenge_method,
  code_challenge text,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz,
  invite_token text,
  referrer text,
  oauth_client_state_id uuid,
  linking_target_id uuid,
  email_optional boolean not null default false
);
create index if not exists idx_auth_code on auth.flow_state (auth_code);
create index if not exists idx_user_id_auth_method on auth.flow_state (user_id, authentication_method);
create index if not exists flow_state_created_at_idx on auth.flow_state (created_at desc);

create table if not exists auth.sso_providers (
  id uuid not null primary key,
  resource_id text constraint "resource_id not empty" check (resource_id = null or char_length(resource_id) > 0),
  created_at timestamptz,
  updated_at timestamptz,
  disabled boolean
);
create unique index if not exists sso_providers_resource_id_idx on auth.sso_providers (lower(resource_id));
create index if not exists sso_providers_resource_id_pattern_idx on auth.sso_providers (resource_id text_pattern_ops);

create table if not exists auth.sso_domains (
  id uuid not null primary key,
  sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  domain text not null constraint "domain not empty" check (char_length(domain) > 0),
  created_at timestamptz,
  updated_at timestamptz
);
create index if not exists sso_domains_sso_provider_id_idx on auth.sso_domains (sso_provider_id);
create unique index if not exists sso_domains_domain_idx on auth.sso_domains (lower(domain));

create table if not exists auth.saml_providers (
  id uuid not null primary key,
  sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  entity_id text not null unique constraint "entity_id not empty" check (char_length(entity_id) > 0),
  metadata_xml text not null constraint "metadata_xml not empty" check (char_length(metadata_xml) > 0),
  metadata_url text constraint "metadata_url not empty" check (metadata_url = null or char_length(metadata_url) > 0),
  attribute_mapping jsonb,
  created_at timestamptz,
  updated_at timestamptz,
  name_id_format text
);
create index if not exists saml_providers_sso_provider_id_idx on auth.saml_providers (sso_provider_id);

create table if not exists auth.saml_relay_states (
  id uuid not null primary key,
  sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  request_id text not null constraint "request_id not empty" check (char_length(request_id) > 0),
  for_email text,
  redirect_to text,
  created_at timestamptz,
  updated_at timestamptz,
  flow_state_id uuid references auth.flow_state (id) on delete cascade
);
create index if not exists saml_relay_states_sso_provider_id_idx on auth.saml_relay_states (sso_provider_id);
create index if not exists saml_relay_states_for_email_idx on auth.saml_relay_states (for_email);
create index if not exists saml_relay_states_created_at_idx on auth.saml_relay_states (created_at desc);

create table if not exists auth.oauth_authorizations (
  id uuid not null primary key,
  authorization_id text not null unique,
  client_id uuid not null references auth.oauth_clients (id) on delete cascade,
  user_id uuid references auth.users (id) on delete cascade,
  redirect_uri text not null check (char_length(redirect_uri) <= 2048),
  scope text not null check (char_length(scope) <= 4096),
  state text check (char_length(state) <= 4096),
  resource text check (char_length(resource) <= 2048),
  code_challenge text check (char_length(code_challenge) <= 128),
  code_challenge_method auth.code_challenge_method,
  response_type auth.oauth_response_type not null default 'code',
  status auth.oauth_authorization_status not null default 'pending',
  authorization_code text unique check (char_length(authorization_code) <= 255),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default (now() + interval '3 minutes'),
  approved_at timestamptz,
  nonce text check (char_length(nonce) <= 255),
  check (expires_at > created_at)
);
create index if not exists oauth_auth_pending_exp_idx on auth.oauth_authorizations (expires_at) where status = 'pending';

create table if not exists auth.oauth_consents (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  client_id uuid not null references auth.oauth_clients (id) on delete cascade,
  scopes text not null check (char_length(scopes) <= 2048) check (char_length(btrim(scopes)) > 0),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  constraint oauth_consents_user_client_unique unique (user_id, client_id),
  check (revoked_at is null or revoked_at >= granted_at)
);
create index if not exists oauth_consents_active_client_idx on auth.oauth_consents (client_id) where revoked_at is null;
create index if not exists oauth_consents_active_user_client_idx on auth.oauth_consents (user_id, client_id) where revoked_at is null;
create index if not exists oauth_consents_user_order_idx on auth.oauth_consents (user_id, granted_at desc);

create table if not exists auth.oauth_client_states (
  id uuid not null primary key,
  provider_type text not null,
  code_verifier text,
  created_at timestamptz not null
);
create index if not exists idx_oauth_client_states_created_at on auth.oauth_client_states (created_at);

create table if not exists auth.webauthn_credentials (
  id uuid not null default gen_random_uuid() primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  credential_id bytea not null,
  public_key bytea not null,
  attestation_type text not null default '',
  aaguid uuid,
  sign_count bigint not null default 0,
  transports jsonb not null default '[]',
  backup_eligible boolean not null default false,
  backed_up boolean not null default false,
  friendly_name text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_used_at timestamptz
);
create unique index if not exists webauthn_credentials_credential_id_key on auth.webauthn_credentials (credential_id);
create index if not exists webauthn_credentials_user_id_idx on auth.webauthn_credentials (user_id);

create table if not exists auth.webauthn_challenges (
  id uuid not null default gen_random_uuid() primary key,
  user_id uuid references auth.users (id) on delete cascade,
  challenge_type text not null check (challenge_type in ('signup', 'registration', 'authentication')),
  session_data jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists webauthn_challenges_user_id_idx on auth.webauthn_challenges (user_id);
create index if not exists webauthn_challenges_expires_at_idx on auth.webauthn_challenges (expires_at);

-- RLS on (no policies: only the owner and BYPASSRLS roles read them), as Auth sets it.
do $$
declare
  t text;
begin
  foreach t in array array['schema_migrations', 'instances', 'users', 'audit_log_entries', 'saml_relay_states',
    'refresh_tokens', 'mfa_factors', 'sessions', 'sso_providers', 'sso_domains', 'mfa_challenges',
    'mfa_amr_claims', 'saml_providers', 'flow_state', 'identities', 'one_time_tokens']
  loop
    execute format('alter table auth.%I enable row level security', t);
  end loop;
end
$$;

-- The caller's identity, read from the settings PostgREST sets per request.
create or replace function auth.uid() returns uuid
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

reset role;

-- postgres manages auth's rows (the image grants it everything on them) but not Auth's migrations.
grant all on all tables in schema auth to postgres, dashboard_user;
grant all on all sequences in schema auth to postgres, dashboard_user;
revoke all on auth.schema_migrations from postgres, dashboard_user;
grant select on auth.schema_migrations to postgres;
grant execute on all functions in schema auth to postgres, anon, authenticated, service_role, dashboard_user, supabase_realtime_admin;

-- storage (supabase/storage's tenant migrations, as supabase_storage_admin runs them) -------------
alter default privileges for role supabase_storage_admin in schema storage
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on sequences to postgres, anon, authenticated, service_role;

set role supabase_storage_admin;

do $$ begin
  create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');
exception when duplicate_object then null;
end $$;

create table if not exists storage.migrations (
  id integer not null primary key,
  name varchar(100) not null unique,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp
);

create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype not null default 'STANDARD',
  versioning_status text not null default 'DISABLED'
    constraint buckets_versioning_status_check check (versioning_status in ('DISABLED', 'ENABLED', 'SUSPENDED'))
    constraint buckets_versioning_dark_check check (versioning_status = 'DISABLED'),
  constraint buckets_versioning_standard_only_check check (type = 'STANDARD' or versioning_status = 'DISABLED')
);
create unique index if not exists bname on storage.buckets (name);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb,
  archived_at timestamptz,
  is_delete_marker boolean not null default false,
  is_versioned boolean not null default false
);
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
create index if not exists idx_objects_bucket_id_name on storage.objects (bucket_id, name collate "C");

create table if not exists storage.s3_multipart_uploads (
  id text not null primary key,
  in_progress_size bigint not null default 0,
  upload_signature text not null,
  bucket_id text not null references storage.buckets (id),
  key text collate "C" not null,
  version text not null,
  owner_id text,
  created_at timestamptz not null default now(),
  user_metadata jsonb,
  metadata jsonb
);
create index if not exists idx_multipart_uploads_list on storage.s3_multipart_uploads (bucket_id, key, created_at);

create table if not exists storage.s3_multipart_uploads_parts (
  id uuid not null default gen_random_uuid() primary key,
  upload_id text not null references storage.s3_multipart_uploads (id) on delete cascade,
  size bigint not null default 0,
  part_number integer not null,
  bucket_id text not null references storage.buckets (id),
  key text collate "C" not null,
  etag text not null,
  owner_id text,
  version text not null,
  created_at timestamptz not null default now()
);

alter table storage.migrations enable row level security;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.s3_multipart_uploads enable row level security;
alter table storage.s3_multipart_uploads_parts enable row level security;

create or replace function storage.foldername(name text) returns text[]
language plpgsql immutable as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
language plpgsql immutable as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
language plpgsql immutable as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

-- The Storage API sets storage.allow_delete_query for its own deletes; a direct DELETE is refused,
-- so rows never lose the files they describe.
create or replace function storage.protect_delete() returns trigger
language plpgsql as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using errcode = '42501', hint = 'Set storage.allow_delete_query to true to delete rows the way the Storage API does.';
  end if;
  return null;
end
$$;

create or replace function storage.update_updated_at_column() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create or replace function storage.enforce_bucket_name_length() returns trigger
language plpgsql as $$
begin
  if length(new.name) > 100 then
    raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
  end if;
  return new;
end
$$;

drop trigger if exists protect_buckets_delete on storage.buckets;
create trigger protect_buckets_delete before delete on storage.buckets
  for each statement execute function storage.protect_delete();
drop trigger if exists protect_objects_delete on storage.objects;
create trigger protect_objects_delete before delete on storage.objects
  for each statement execute function storage.protect_delete();
drop trigger if exists update_objects_updated_at on storage.objects;
create trigger update_objects_updated_at before update on storage.objects
  for each row execute function storage.update_updated_at_column();
drop trigger if exists enforce_bucket_name_length_trigger on storage.buckets;
create trigger enforce_bucket_name_length_trigger before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();

reset role;

grant all on storage.buckets, storage.objects to postgres with grant option;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
revoke all on storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts from anon, authenticated;
grant select on storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts to anon, authenticated;
revoke all on storage.migrations from postgres, anon, authenticated, service_role;
grant all on all sequences in schema storage to dashboard_user;
grant all on all routines in schema storage to dashboard_user;

-- realtime (supabase/realtime's tenant migrations) ------------------------------------------------
set role supabase_realtime_admin;

create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  binary_payload bytea,
  primary key (id, inserted_at),
  constraint messages_payload_exclusive check (payload is null or binary_payload is null)
) partition by range (inserted_at);
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;

-- The channel topic being authorised, set by Realtime while it checks a join or a send.
create or replace function realtime.topic() returns text
language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- A broadcast stored for Realtime to deliver. Like the platform's: a failure (no partition for the
-- day, a policy refusing the row) is a warning, never an error in the caller's transaction.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql as $$
declare
  message_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (message_id,
            case when payload ? 'id' then payload else jsonb_set(payload, '{id}', to_jsonb(message_id)) end,
            event, topic, private, 'broadcast');
  exception when others then
    raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

create or replace function realtime.send_binary(payload bytea, event text, topic text, private boolean default true)
returns void
language plpgsql as $$
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (binary_payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql as $$
declare
  row_data jsonb := jsonb_build_object(
    'old_record', case when old is null then null else to_jsonb(old) end,
    'record', case when new is null then null else to_jsonb(new) end,
    'operation', operation, 'table', table_name, 'schema', table_schema);
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
end
$$;

reset role;

grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
grant execute on all functions in schema realtime to postgres, anon, authenticated, service_role;
-- An older bootstrap had a default partition; the platform has daily partitions only
-- (scripts/bootstrap/realtime-partitions.sql, run at every start as Realtime does).
drop table if exists realtime.messages_default;

do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;
alter publication supabase_realtime owner to postgres;
