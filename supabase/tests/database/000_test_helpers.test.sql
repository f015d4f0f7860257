-- Helpers for the pgTAP files that follow (pg_prove runs files in name order). They are committed,
-- not rolled back, so every later file can use them; they live in schema `tests`, which no
-- migration creates and the API does not expose.
-- tests.create_user(email, metadata): an auth user as Supabase Auth would insert it (the sign-up
--   trigger then creates the profile).
-- tests.authenticate_as(user, aal): act as PostgREST does for that user's JWT, with the claims the
--   Custom Access Token hook produces; tests.authenticate_as_service_role(); tests.clear_authentication()
--   acts as anon. No SET clause on these: they change the role for the rest of the transaction.
set client_min_messages = warning;
create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_user(p_email text, p_metadata jsonb default '{}')
returns uuid
language plpgsql
as $$
declare
  new_id uuid := gen_random_uuid();
begin
  insert into auth.users (id, aud, role, email, raw_user_meta_data, raw_app_meta_data, email_confirmed_at, created_at, updated_at)
  values (new_id, 'authenticated', 'authenticated', p_email, p_metadata,
          '{"provider": "email", "providers": ["email"]}', now(), now(), now());
  return new_id;
end
$$;

create or replace function tests.act_as(p_role text, p_claims jsonb)
returns void
language plpgsql
as $$
begin
  perform pg_catalog.set_config('role', 'postgres', true);
  perform pg_catalog.set_config('request.jwt.claims', p_claims::text, true);
  perform pg_catalog.set_config('role', p_role, true);
end
$$;

create or replace function tests.authenticate_as(p_user_id uuid, p_aal text default 'aal1')
returns void
language plpgsql
as $$
declare
  claims jsonb;
begin
  perform pg_catalog.set_config('role', 'postgres', true);
  select public.custom_access_token_hook(jsonb_build_object(
           'user_id', p_user_id,
           'authentication_method', 'password',
           'claims', jsonb_build_object(
             'iss', 'http://127.0.0.1:54321/auth/v1', 'aud', 'authenticated', 'sub', p_user_id,
             'exp', extract(epoch from now() + interval '1 hour')::bigint, 'iat', extract(epoch from now())::bigint,
             'role', 'authenticated', 'aal', p_aal, 'session_id', gen_random_uuid(),
             'email', (select email from auth.users where id = p_user_id), 'phone', '', 'is_anonymous', false)))
         -> 'claims'
    into claims;
  perform tests.act_as('authenticated', claims);
end
$$;

create or replace function tests.authenticate_as_service_role()
returns void
language sql
as $$
  select tests.act_as('service_role', '{"role": "service_role"}')
$$;

create or replace function tests.clear_authentication()
returns void
language sql
as $$
  select tests.act_as('anon', '{"role": "anon"}')
$$;

-- The refused side, as easy to write as the allowed one:
-- tests.rows_affected(statement): how many rows an insert, update or delete changed (RLS filters
--   silently: a refused update or delete changes 0 rows and raises nothing).
-- tests.rows_visible(query): how many rows a query returns to the current role.
-- tests.refused(statement): true when the statement raised insufficient_privilege (42501) or
--   changed no row; nothing it did is kept either way.
create or replace function tests.rows_affected(p_statement text)
returns bigint
language plpgsql
as $$
declare
  affected bigint;
begin
  execute p_statement;
  get diagnostics affected = row_count;
  return affected;
end
$$;

create or replace function tests.rows_visible(p_query text)
returns bigint
language plpgsql
as $$
declare
  visible bigint;
begin
  execute format('select count(*) from (%s) q', p_query) into visible;
  return visible;
end
$$;

create or replace function tests.refused(p_statement text)
returns boolean
language plpgsql
as $$
declare
  affected bigint;
begin
  execute p_statement;
  get diagnostics affected = row_count;
  -- Undo whatever it did: the caller asserts on the state, which must be as before.
  raise exception using errcode = 'P0004', message = affected::text;
exception
  when insufficient_privilege then
    return true;
  when sqlstate 'P0004' then
    return sqlerrm = '0';
end
$$;

-- Realtime as Realtime acts: tests.seed_topic(topic) stores one message on a topic (as the test's
-- superuser); then, as a user, tests.topic_visible(topic) says whether they may join it (they read
-- the seeded message) and tests.topic_send(topic) whether they may send on it (an insert their
-- policies allow).
create or replace function tests.seed_topic(p_topic text)
returns void
language sql
as $$
  insert into realtime.messages (topic, extension, event, payload, private) values (p_topic, 'broadcast', 'seeded', '{}', true)
$$;

create or replace function tests.topic_visible(p_topic text)
returns boolean
language plpgsql
as $$
begin
  perform set_config('realtime.topic', p_topic, true);
  return exists (select 1 from realtime.messages where topic = p_topic);
end
$$;

create or replace function tests.topic_send(p_topic text)
returns boolean
language plpgsql
as $$
begin
  perform set_config('realtime.topic', p_topic, true);
  insert into realtime.messages (topic, extension, event, payload, private) values (p_topic, 'broadcast', 'typing', '{}', true);
  return true;
exception when insufficient_privilege then
  return false;
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

begin;
select plan(4);
select has_function('tests', 'authenticate_as', array['uuid', 'text'], 'the test helpers are installed');
create temporary table probe_rows (id int);
insert into probe_rows values (1), (2);
select is(tests.rows_affected('update probe_rows set id = id + 10'), 2::bigint, 'rows_affected counts the rows a statement changed');
select ok(not tests.refused('delete from probe_rows') and tests.refused('delete from probe_rows where id < 0'),
  'refused: a statement that changes rows is not refused, one that changes none is');
select is(tests.rows_visible('select * from probe_rows'), 2::bigint, '... and keeps nothing it did');
select * from finish();
rollback;
