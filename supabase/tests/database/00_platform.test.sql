-- The platform bootstrap: what a Supabase database has before our migrations, as the local stack
-- builds it (roles, auth, storage, realtime, extensions). On `supabase start` the platform itself
-- provides these, so the same file checks that our assumptions hold there too.
begin;
select plan(56);

-- Roles and their attributes
select ok(bool_and(exists (select 1 from pg_roles where rolname = r)), 'every Supabase role exists')
  from unnest(array['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin',
    'supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin', 'postgres']) r;
select ok(not rolcanlogin, 'anon cannot log in') from pg_roles where rolname = 'anon';
select ok(not rolcanlogin, 'authenticated cannot log in') from pg_roles where rolname = 'authenticated';
select ok(rolbypassrls and not rolcanlogin, 'service_role bypasses RLS and cannot log in') from pg_roles where rolname = 'service_role';
select ok(not rolbypassrls, 'authenticated does not bypass RLS') from pg_roles where rolname = 'authenticated';
select ok(rolcanlogin and not rolinherit, 'authenticator logs in and does not inherit') from pg_roles where rolname = 'authenticator';
select ok(pg_has_role('authenticator', 'anon', 'member') and pg_has_role('authenticator', 'authenticated', 'member')
  and pg_has_role('authenticator', 'service_role', 'member'), 'authenticator can become anon, authenticated and service_role');
select ok(rolsuper, 'supabase_admin is a superuser') from pg_roles where rolname = 'supabase_admin';

-- postgres as on hosted projects: migrations, seed and tests run as a role that is no superuser
select is(rolsuper, false, 'postgres is not a superuser') from pg_roles where rolname = 'postgres';
select ok(rolcreatedb and rolcreaterole and rolreplication and rolbypassrls and rolcanlogin,
  'postgres has the platform''s attributes: createdb, createrole, replication, bypassrls, login') from pg_roles where rolname = 'postgres';
select is(current_setting('is_superuser'), 'off', 'the tests run without superuser rights');
select ok(pg_has_role('postgres', 'anon', 'member') and pg_has_role('postgres', 'authenticated', 'member')
  and pg_has_role('postgres', 'service_role', 'member'), 'postgres can act as anon, authenticated and service_role');
select ok(not pg_has_role('postgres', r, 'member'), format('postgres is not a member of %s', r))
  from unnest(array['supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin']) r;
select is(pg_get_userbyid(datdba)::text, 'postgres', 'the database is owned by postgres') from pg_database where datname = current_database();
select throws_ok('set local role supabase_auth_admin', '42501', null, 'postgres cannot act as supabase_auth_admin');
select throws_ok('create policy probe on auth.schema_migrations for select using (true)', '42501', null,
  'postgres manages policies only on the tables the platform grants it (supautils policy_grants)');
select lives_ok('create policy probe on storage.objects for select to authenticated using (false)',
  '... such as storage.objects, which it does not own');
select ok(not has_schema_privilege('postgres', s, 'create'), format('postgres creates nothing in %s', s))
  from unnest(array['auth', 'storage', 'realtime']) s;

-- Schemas owned as on Supabase, so that db reset keeps them
select is(nspowner::regrole::text, 'supabase_admin', format('schema %s is owned by supabase_admin', nspname))
  from pg_namespace where nspname in ('auth', 'storage', 'realtime') order by nspname;

-- Extensions
select has_extension('pgcrypto', 'pgcrypto is installed');
select has_extension('uuid-ossp', 'uuid-ossp is installed');
select has_extension('pg_stat_statements', 'pg_stat_statements is installed');
select has_extension('pg_cron', 'pg_cron is installed (preloaded by the cluster config)');
select has_extension('postgis', 'postgis is installed');
select has_extension('pgtap', 'pgtap is installed');

-- auth
select has_table('auth', 'users', 'auth.users exists');
select columns_are('auth', 'identities', array['provider_id', 'user_id', 'identity_data', 'provider',
  'last_sign_in_at', 'created_at', 'updated_at', 'email', 'id'], 'auth.identities has Supabase''s columns');
select has_table('auth', 'mfa_factors', 'auth.mfa_factors exists');
select has_table('auth', 'sessions', 'auth.sessions exists');
select ok(bool_and(exists (select 1 from information_schema.columns where table_schema = 'auth' and table_name = 'sessions' and column_name = c)),
  'auth.sessions has Auth''s newer columns') from unnest(array['oauth_client_id', 'refresh_token_counter', 'refresh_token_hmac_key', 'scopes']) c;
insert into auth.users (id, email, email_confirmed_at) values ('00000000-0000-4000-8000-000000000001', 'a@example.com', '2026-01-02');
select is((select confirmed_at from auth.users where id = '00000000-0000-4000-8000-000000000001'),
  '2026-01-02'::timestamptz, 'auth.users.confirmed_at is generated from the confirmations');

set local role authenticated;
select is(auth.uid(), null, 'auth.uid() is null without claims');
set local request.jwt.claims = '{"sub": "00000000-0000-4000-8000-000000000001", "role": "authenticated", "email": "a@example.com"}';
select is(auth.uid(), '00000000-0000-4000-8000-000000000001'::uuid, 'auth.uid() reads request.jwt.claims');
select is(auth.role(), 'authenticated', 'auth.role() reads request.jwt.claims');
select is(auth.email(), 'a@example.com', 'auth.email() reads request.jwt.claims');
select is(auth.jwt() ->> 'sub', '00000000-0000-4000-8000-000000000001', 'auth.jwt() returns the claims');
set local request.jwt.claim.sub = '00000000-0000-4000-8000-000000000002';
select is(auth.uid(), '00000000-0000-4000-8000-000000000002'::uuid, 'the legacy request.jwt.claim.sub wins, as on Supabase');
reset role;

-- storage
select is(storage.foldername('avatars/u1/me.png'), array['avatars', 'u1'], 'storage.foldername gives the folders');
select is(storage.filename('avatars/u1/me.png'), 'me.png', 'storage.filename gives the file');
select is(storage.extension('avatars/u1/me.png'), 'png', 'storage.extension gives the extension');
select ok((select relrowsecurity from pg_class where oid = 'storage.objects'::regclass), 'storage.objects has RLS on');
select ok(bool_and(exists (select 1 from information_schema.columns where table_schema = 'storage' and table_name = t and column_name = c)),
  'storage has the platform''s newer columns')
  from (values ('buckets', 'type'), ('buckets', 'versioning_status'), ('objects', 'archived_at'), ('objects', 'is_delete_marker'), ('objects', 'is_versioned')) v(t, c);
insert into storage.buckets (id, name) values ('platform-probe', 'platform-probe');
insert into storage.objects (bucket_id, name) values ('platform-probe', 'a/b.txt');
select throws_ok($$delete from storage.objects where bucket_id = 'platform-probe'$$, '42501', null,
  'a direct delete from storage.objects is refused, as on the platform');
set local storage.allow_delete_query = 'true';
select lives_ok($$delete from storage.objects where bucket_id = 'platform-probe'$$, '... and allowed the way the Storage API deletes');

-- realtime
select ok((select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass), 'realtime.messages has RLS on');
select is((select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'realtime.messages'::regclass and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT')::int, 0,
  'realtime.messages has daily partitions only, no default one');
set local realtime.topic = 'room:1';
select is(realtime.topic(), 'room:1', 'realtime.topic() reads the topic being authorised');
select realtime.send('{"hello": "world"}', 'greeting', 'room:2', true);
select is((select payload ->> 'hello' from realtime.messages where topic = 'room:2' and event = 'greeting'), 'world',
  'realtime.send stores a broadcast message');
select ok(exists (select 1 from pg_publication where pubname = 'supabase_realtime'), 'the supabase_realtime publication exists');

select * from finish();
rollback;
