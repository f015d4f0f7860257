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

grant execute on all functions in schema tests to anon, authenticated, service_role;

begin;
select plan(1);
select has_function('tests', 'authenticate_as', array['uuid', 'text'], 'the test helpers are installed');
select * from finish();
rollback;
